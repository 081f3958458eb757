import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPostgresTemplate,
  dropDatabase,
  dumpMigratedPglite,
  PGLITE_TEMPLATE_ENV,
  POSTGRES_TEMPLATE_ENV,
} from './helpers/database.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the example spells and the web app (each a no-op when up to date) before any test reads
 * them; the browser tests load the built app from the server. Then provides one migrated template
 * database for the run, which every test database copies: migrating each one costs seconds on
 * PGlite. Test files run in worker processes started after this, so they inherit the variables set here.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  for (const name of ['build-spells.mjs', 'build-web.mjs']) {
    execFileSync(process.execPath, [join(root, 'scripts', name)], { stdio: 'inherit' });
  }

  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = await createPostgresTemplate(adminUrl);
    process.env[POSTGRES_TEMPLATE_ENV] = name;
    return () => dropDatabase(adminUrl, name);
  }
  process.env[PGLITE_TEMPLATE_ENV] = await cachedPgliteTemplate();
  return undefined;
}

/**
 * The PGlite template is kept between runs under node_modules/.cache, named by a hash of the
 * migrations and the PGlite version, so a run with neither changed skips making it.
 */
async function cachedPgliteTemplate(): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json')));
  const migrations = join(root, 'drizzle');
  for (const file of readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrations, file);
    if (path.endsWith('.sql') || path.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  const dir = join(root, 'node_modules/.cache/spell-tests');
  const name = `pglite-${hash.digest('hex').slice(0, 16)}.tar`;
  const path = join(dir, name);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, new Uint8Array(await (await dumpMigratedPglite()).arrayBuffer()));
  renameSync(partial, path);
  // Templates of older migrations are of no further use.
  for (const old of readdirSync(dir)) if (old !== name && old.endsWith('.tar')) rmSync(join(dir, old), { force: true });
  return path;
}
