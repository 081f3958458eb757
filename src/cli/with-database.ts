import { userInfo } from 'node:os';
import type { AuditActor } from '../audit/audit-log.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { assertMigrated } from '../db/migration-status.js';
import type { CliIo } from './io.js';

/**
 * Opens the configured database for one operator command. The embedded database is migrated
 * first (as the server would); PostgreSQL must have been migrated by `spell migrate`, and a
 * command refuses to run on one that was not rather than fail halfway through.
 */
export async function withDatabase<T>(io: CliIo, work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (database.kind === 'pglite') await database.migrate();
    else await assertMigrated(database);
    return await work(database.db, config);
  } finally {
    await database.close();
  }
}

/** Operator commands run with database access, and are audited as the shell user who ran them. */
export function cliActor(): AuditActor {
  return { type: 'operator', id: `cli:${userInfo().username}` };
}
