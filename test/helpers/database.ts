import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsFolder, openDatabase, type DatabaseHandle } from '../../src/db/client.js';

/** A migrated, empty database for one test: PGlite in memory, or a fresh PostgreSQL database when DATABASE_URL is set. */
export interface TestDatabase {
  /** Set on PostgreSQL: every app instance opens its own pool to it, as separate processes would. */
  url: string | undefined;
  /** Opens a handle on this database (PGlite hands out the one in-memory instance). */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/**
 * Set by test/global-setup.ts, which migrates one template per run: the file holding a migrated
 * PGlite data directory, and the name of a migrated PostgreSQL database on DATABASE_URL's server.
 * Without them (a script outside vitest) the first database of the process makes the template.
 */
export const PGLITE_TEMPLATE_ENV = 'SPELL_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'SPELL_TEST_POSTGRES_TEMPLATE';

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir: 'memory://', pgliteTemplate: await pgliteTemplate() });
    const shared: DatabaseHandle = { ...handle, close: async () => undefined };
    return { url: undefined, open: async () => shared, drop: () => handle.close() };
  }
  const name = `spell_test_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(adminUrl, name);
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  if (template) {
    await withAdminClient(adminUrl, (client) => client.query(`create database ${name} template ${template}`));
  } else {
    await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
    await migrate(url);
  }
  return {
    url,
    open: () => openDatabase({ url, dataDir: '', poolMax: 10 }),
    drop: () => dropDatabase(adminUrl, name),
  };
}

let template: Promise<Blob> | undefined;

/** The migrated PGlite data directory every test database starts from, read once per process. */
function pgliteTemplate(): Promise<Blob> {
  const path = process.env[PGLITE_TEMPLATE_ENV];
  template ??= path ? readFile(path).then((bytes) => new Blob([bytes])) : dumpMigratedPglite();
  return template;
}

/** Migrates an empty in-memory PGlite and dumps its data directory (uncompressed: loads fastest). */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create();
  try {
    await migratePglite(drizzle(client), { migrationsFolder });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

/** Creates and migrates a PostgreSQL database to copy with `create database … template`. */
export async function createPostgresTemplate(adminUrl: string): Promise<string> {
  const name = `spell_template_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  await migrate(databaseUrl(adminUrl, name));
  return name;
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdminClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
  });
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrate(url: string): Promise<void> {
  const migrator = await openDatabase({ url, dataDir: '' });
  try {
    await migrator.migrate();
  } finally {
    await migrator.close();
  }
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
