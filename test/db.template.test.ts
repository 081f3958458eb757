import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../src/db/client.js';
import { seedFromTemplate } from '../src/db/pglite-template.js';

// What scripts/build-database.mjs makes, built here so the test does not depend on a build.
let scratch: string;
let template: string;
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const writeManifest = (migrations: string[]) => writeFileSync(`${template}.json`, JSON.stringify({ migrations }));

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'spell-template-'));
  template = join(scratch, 'template');
  const client = await PGlite.create(template);
  await migrate(drizzle(client), { migrationsFolder });
  await client.close();
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('db.template', () => {
  it('starts an empty data directory from the template, migrated, and leaves a started one alone', async () => {
    writeManifest(journal.entries.map((entry) => entry.tag));
    const dataDir = join(scratch, 'fresh');
    expect(await seedFromTemplate(dataDir, template)).toBe(true);
    const database = await openDatabase({ dataDir });
    try {
      // Migrated before anything migrates it: the copy is the template, not a new database.
      const count = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as { rows: unknown[] }).rows;
      expect(await count(sql`select count(*)::int as count from drizzle.__drizzle_migrations`)).toEqual([{ count: journal.entries.length }]);
      expect(await count(sql`select count(*)::int as count from users`)).toEqual([{ count: 0 }]);
    } finally {
      await database.close();
    }
    expect(await seedFromTemplate(dataDir, template)).toBe(false);
  }, 120_000);

  it('does not use a template holding a migration this checkout does not know', async () => {
    writeManifest([...journal.entries.map((entry) => entry.tag), '9999_from_another_branch']);
    const dataDir = join(scratch, 'other-branch');
    expect(await seedFromTemplate(dataDir, template)).toBe(false);
    expect(() => readdirSync(dataDir)).toThrow();
  });
});
