import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built by `npm run build` (scripts/build-database.mjs): a PGlite data directory, migrated. */
export const pgliteTemplateDir = fileURLToPath(new URL('../../dist/pglite-template', import.meta.url));
const journalPath = fileURLToPath(new URL('../../drizzle/meta/_journal.json', import.meta.url));

const exists = (path: string) => stat(path).then(() => true, () => false);

async function migrationTags(path: string, list: (parsed: unknown) => unknown): Promise<string[] | undefined> {
  try {
    const tags = list(JSON.parse(await readFile(path, 'utf8')));
    return Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') ? tags : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the template's migrations are the first ones of this checkout's (the server applies the
 * rest). A template built on another branch may hold migrations this code does not know.
 */
async function templateFits(template: string): Promise<boolean> {
  const built = await migrationTags(`${template}.json`, (parsed) => (parsed as { migrations?: unknown }).migrations);
  const known = await migrationTags(journalPath, (parsed) =>
    (parsed as { entries?: { tag?: unknown }[] }).entries?.map((entry) => entry.tag),
  );
  return built !== undefined && known !== undefined && built.every((tag, index) => known[index] === tag);
}

/**
 * Fills an embedded data directory that has no database yet with a copy of the built template,
 * which is much faster than PGlite's own initdb (tens of seconds on a busy machine). Without a
 * fitting template (running from source before any build, or a template from another branch)
 * PGlite creates the database itself, as before. PG_VERSION is copied last: a copy cut short leaves
 * a directory without it, which the next start takes for empty again and overwrites. Returns
 * whether it copied.
 */
export async function seedFromTemplate(dataDir: string, template = pgliteTemplateDir): Promise<boolean> {
  if (await exists(join(dataDir, 'PG_VERSION'))) return false;
  if (!(await exists(join(template, 'PG_VERSION'))) || !(await templateFits(template))) return false;
  for (const entry of await readdir(template)) {
    if (entry !== 'PG_VERSION') await cp(join(template, entry), join(dataDir, entry), { recursive: true, force: true });
  }
  await cp(join(template, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  return true;
}
