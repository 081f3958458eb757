import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type DatabaseHandle } from './client.js';

/** Thrown at start-up when the database lacks migrations this build needs. */
export class DatabaseNotMigratedError extends Error {
  constructor(readonly pending: number) {
    super(
      `The database is missing ${pending} migration${pending === 1 ? '' : 's'} this version needs. ` +
        'Run `spell migrate` (with the same DATABASE_URL) once per deploy, then start the server again.',
    );
    this.name = 'DatabaseNotMigratedError';
  }
}

/**
 * How many of this build's migrations the database has not applied, read the way Drizzle's
 * migrator decides: those newer than the last row of `drizzle.__drizzle_migrations`.
 */
export async function countPendingMigrations(database: DatabaseHandle): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const [table] = await rows<{ exists: boolean }>(database, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  if (!table?.exists) return migrations.length;
  const [last] = await rows<{ created_at: string | null }>(database, sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
  const appliedUpTo = Number(last?.created_at ?? 0);
  return migrations.filter((migration) => migration.folderMillis > appliedUpTo).length;
}

// Both drivers (PGlite, node-postgres) answer a raw query with `{ rows }`.
async function rows<T>(database: DatabaseHandle, query: SQL): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Refuses to start on a database that `spell migrate` has not brought up to this build. */
export async function assertMigrated(database: DatabaseHandle): Promise<void> {
  const pending = await countPendingMigrations(database);
  if (pending > 0) throw new DatabaseNotMigratedError(pending);
}
