/**
 * Migration 0007 on a database with data from before it: every tenant gets a handle, the
 * platform's own tenant `spell`, and a tenant's several deleted spells of one name stop clashing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/db/client.js';

let db: PGlite;

async function apply(file: string): Promise<void> {
  const text = await readFile(join(migrationsFolder, file), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) if (statement.trim() !== '') await db.exec(statement);
}

beforeAll(async () => {
  db = new PGlite();
  const files = (await readdir(migrationsFolder)).filter((file) => file.endsWith('.sql')).sort();
  const at = files.indexOf('0007_owner_handles.sql');
  for (const file of files.slice(0, at)) await apply(file);
  await db.exec(`
    INSERT INTO tenants (id, name, created_at) VALUES
      ('00000000-0000-0000-0000-000000000001', 'Spell Platform', '2026-01-01'),
      ('00000000-0000-0000-0000-000000000002', 'Ada Lovelace', '2026-01-02'),
      ('00000000-0000-0000-0000-000000000003', 'ada.lovelace@example.com', '2026-01-03'),
      ('00000000-0000-0000-0000-000000000004', 'Ada   Lovelace!', '2026-01-04'),
      ('00000000-0000-0000-0000-000000000005', 'admin', '2026-01-05'),
      ('00000000-0000-0000-0000-000000000006', '☃☃☃', '2026-01-06'),
      ('00000000-0000-0000-0000-000000000007', 'Spell Platform', '2026-01-07');
    INSERT INTO users (tenant_id, role, email) VALUES ('00000000-0000-0000-0000-000000000007', 'owner', 'impostor@example.com');
    INSERT INTO spells (id, tenant_id, name, visibility, deleted_at, created_at) VALUES
      ('10000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'reshape', 'public', '2026-02-01', '2026-01-10'),
      ('10000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000002', 'reshape', 'private', '2026-02-02', '2026-01-11'),
      ('20000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000002', 'reshape', 'public', NULL, '2026-01-12');
  `);
  await apply('0007_owner_handles.sql');
});
afterAll(() => db.close());

describe('db: the owner-handles migration', () => {
  it('gives every tenant a unique handle, and the platform tenant without users "spell"', async () => {
    const { rows } = await db.query<{ handle: string }>('SELECT handle FROM tenants ORDER BY created_at');
    const handles = rows.map((row) => row.handle);
    // A taken or reserved handle gets "--" and a number: a name made into a handle never holds "--".
    expect(handles).toEqual(['spell', 'ada-lovelace', 'ada-lovelace--2', 'ada-lovelace--3', 'admin--1', 'user', 'spell-platform']);
    for (const handle of handles) expect(handle).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/);
    const claims = await db.query<{ handle: string }>('SELECT handle FROM tenant_handles ORDER BY handle');
    expect(claims.rows.map((row) => row.handle)).toEqual([...handles].sort());
  });

  it('keeps the live spell’s name and gives its deleted namesakes their id, so names are unique per owner', async () => {
    const { rows } = await db.query<{ name: string; ever_public: boolean }>('SELECT name, ever_public FROM spells ORDER BY created_at');
    expect(rows).toEqual([
      { name: 'reshape-10000000000000000000000000000001', ever_public: true },
      { name: 'reshape-10000000000000000000000000000002', ever_public: false },
      { name: 'reshape', ever_public: true },
    ]);
  });
});
