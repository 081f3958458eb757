import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';

/** A migrated, empty database for one test: PGlite in memory, or a fresh PostgreSQL database when DATABASE_URL is set. */
export interface TestDatabase {
  /** Set on PostgreSQL: every app instance opens its own pool to it, as separate processes would. */
  url: string | undefined;
  /** Opens a handle on this database (PGlite hands out the one in-memory instance). */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    const shared: DatabaseHandle = { ...handle, close: async () => undefined };
    return { url: undefined, open: async () => shared, drop: () => handle.close() };
  }
  const name = `spell_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const migrator = await openDatabase({ url: url.toString(), dataDir: '' });
  await migrator.migrate();
  await migrator.close();
  return {
    url: url.toString(),
    open: () => openDatabase({ url: url.toString(), dataDir: '', poolMax: 10 }),
    drop: async () => {
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
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
