import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { seedFromTemplate } from './pglite-template.js';
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
  /** The directory an embedded database keeps its files in (unset in memory and on PostgreSQL). */
  readonly dataDir?: string;
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
  /**
   * An in-memory PGlite starts as a copy of this data directory (`dumpDataDir()` of a migrated one)
   * instead of an empty cluster: the tests clone one template rather than migrate each database.
   */
  pgliteTemplate?: Blob;
  /** Told when a PostgreSQL connection breaks (the server ended it, the network dropped). */
  onConnectionError?: (error: Error) => void;
}): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.poolMax ?? 10, options.onConnectionError)
    : openPglite(options.dataDir, options.pgliteTemplate);
}

/** Thrown when another live process has the embedded database open. */
export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is open in another process (pid ${pid}). ` +
        'PGlite has a single writer: stop that process first, or, while the server runs, use the admin API or ' +
        'console (/admin) with the admin token its first start wrote to DATA_DIR/admin-token.',
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one data directory corrupt it. The
 * first process to open it writes its pid to `spell.lock`; a lock left by a dead process is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'spell.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DatabaseInUseError(dataDir, holder);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string, template: Blob | undefined): Promise<DatabaseHandle> {
  const inMemory = dataDir === 'memory://';
  if (template && !inMemory) throw new Error('a PGlite template is only for an in-memory database');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const unlock = inMemory ? async () => undefined : await lockDataDir(dataDir);
  const client = await (async () => {
    if (template) return PGlite.create({ loadDataDir: template });
    if (!inMemory) await seedFromTemplate(dataDir);
    return PGlite.create(inMemory ? undefined : dataDir);
  })().catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const db = drizzlePglite(client, { schema });
  let inFlight = 0;
  return {
    db,
    kind: 'pglite',
    ...(inMemory ? {} : { dataDir }),
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
    close: async () => {
      await client.close();
      await unlock();
    },
  };
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * pg's Pool, except that a client whose connection breaks while checked out goes back to the pool
 * (which discards it) at once, and its borrower's own release later does nothing. Drizzle sends a
 * transaction's BEGIN before its try/finally, so a connection lost on BEGIN is never released, and
 * each such loss would otherwise leak a pool slot for good. (Drizzle recognises a pool by a
 * constructor name containing "Pool".)
 */
class ResilientPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then(releaseOnFailure);
  }
}

function releaseOnFailure(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const releaseOnce = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    release(error);
  };
  const onError = (error: Error) => releaseOnce(error);
  client.on('error', onError);
  client.release = releaseOnce;
  return client;
}

async function openPostgres(url: string, poolMax: number, onConnectionError?: (error: Error) => void): Promise<DatabaseHandle> {
  const pool = new ResilientPool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 5_000 });
  // A client losing its connection emits 'error', and an 'error' nobody listens to ends the process.
  // The pool listens only while a client is idle; a checked-out one (a transaction waiting on a lock,
  // on a spell) needs its own listener. Its pending query fails anyway, the request answers 503,
  // and the pool drops the broken client on release and opens a fresh one for the next request.
  pool.on('error', (error) => onConnectionError?.(error));
  pool.on('connect', (client) => client.on('error', (error) => onConnectionError?.(error)));
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
