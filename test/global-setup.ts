import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPostgresTemplate,
  dropDatabase,
  dumpMigratedPglite,
  PGLITE_TEMPLATE_ENV,
  POSTGRES_TEMPLATE_ENV,
} from './helpers/database.js';

/**
 * Builds the example spells and the web app (each a no-op when up to date) before any test reads
 * them; the browser tests load the built app from the server. Then migrates one template database
 * for the run, which every test database copies: migrating each one costs seconds on PGlite.
 * Test files run in worker processes started after this, so they inherit the variables set here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  for (const name of ['build-spells.mjs', 'build-web.mjs']) {
    const script = fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }

  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = await createPostgresTemplate(adminUrl);
    process.env[POSTGRES_TEMPLATE_ENV] = name;
    return () => dropDatabase(adminUrl, name);
  }
  const dir = mkdtempSync(join(tmpdir(), 'spell-test-template-'));
  const path = join(dir, 'pglite.tar');
  writeFileSync(path, new Uint8Array(await (await dumpMigratedPglite()).arrayBuffer()));
  process.env[PGLITE_TEMPLATE_ENV] = path;
  return async () => rmSync(dir, { recursive: true, force: true });
}
