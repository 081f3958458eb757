import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

type Schema = typeof schema;

/** The query interface shared by PGlite and node-postgres; routes and domain code use this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; writes take `tx ?? db` so several changes commit together. */
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Database | Transaction;

/** An open database with what the service needs around it. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Connections currently checked out (always 0 or 1 on the single-connection PGlite). */
  connectionsInUse(): number;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any fixed number works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_ID = 4_242_001;

/**
 * Opens PostgreSQL when `url` is given, otherwise the embedded PGlite: on disk under
 * `dataDir`, or in memory when `dataDir` is `memory://`.
 */
export async function openDatabase(options: {
  url?: string | undefined;
  dataDir: string;
  poolMax?: number;
}): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.poolMax ?? 10)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (dataDir !== 'memory://') await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
  const db = drizzlePglite(client, { schema });
  let inFlight = 0;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    async ping() {
      inFlight += 1;
      try {
        await client.query('select 1');
      } finally {
        inFlight -= 1;
      }
    },
    connectionsInUse: () => Math.min(1, inFlight),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolMax: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection emits here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    connectionsInUse: () => pool.totalCount - pool.idleCount,
    close: () => pool.end(),
  };
}
