import { cp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built by `npm run build` (scripts/build-database.mjs): a PGlite data directory, migrated. */
export const pgliteTemplateDir = fileURLToPath(new URL('../../dist/pglite-template', import.meta.url));

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Fills an embedded data directory that has no database yet with a copy of the built template,
 * which is much faster than PGlite's own initdb (tens of seconds on a busy machine). Without a
 * template (running from source, before any build) PGlite creates the database itself, as before.
 * PG_VERSION is copied last: a copy cut short leaves a directory without it, which the next start
 * takes for empty again and overwrites. Returns whether it copied.
 */
export async function seedFromTemplate(dataDir: string, template = pgliteTemplateDir): Promise<boolean> {
  if (await exists(join(dataDir, 'PG_VERSION'))) return false;
  if (!(await exists(join(template, 'PG_VERSION')))) return false;
  for (const entry of await readdir(template)) {
    if (entry !== 'PG_VERSION') await cp(join(template, entry), join(dataDir, entry), { recursive: true, force: true });
  }
  await cp(join(template, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  return true;
}
