import { and, count, eq, lt, min, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castLogs } from '../db/schema.js';
import type { SpellLogLine } from '../spells/runtime/index.js';
import { cutToBytes, storable, utf8Bytes } from './stored-text.js';

/**
 * Every write to `cast_logs`: a cast's log lines are kept (capped) when it settles and deleted
 * once past their retention. They are the spell's own words, so they go to the database and to
 * the caster, never into the server's log.
 */

/** The lines kept with one cast, and whether any were dropped or cut on the way. */
export interface CastLogs {
  lines: SpellLogLine[];
  truncated: boolean;
}

export const NO_LOGS: CastLogs = { lines: [], truncated: false };

/**
 * Keeps lines, in order, while their messages' UTF-8 fits `maxBytes`: the line that crosses the
 * cap is cut at it and the rest dropped, and `truncated` says so (as it does when the runtime
 * already cut them).
 */
export function capCastLogs(logs: CastLogs, maxBytes: number): CastLogs {
  const lines: SpellLogLine[] = [];
  let left = maxBytes;
  for (const line of logs.lines) {
    const message = storable(line.message);
    const size = utf8Bytes(message);
    if (size <= left) {
      lines.push({ stream: line.stream, level: line.level, message });
      left -= size;
      continue;
    }
    const cut = cutToBytes(message, left);
    if (cut.length > 0) lines.push({ stream: line.stream, level: line.level, message: cut });
    return { lines, truncated: true };
  }
  return { lines, truncated: logs.truncated };
}

/** Keeps a settled cast's lines; a cast that wrote none gets no row. Call it in the settling transaction. */
export async function recordCastLogs(tx: DbOrTx, cast: { castId: string; tenantId: string; now: Date }, logs: CastLogs): Promise<void> {
  if (logs.lines.length === 0) return;
  await tx.insert(castLogs).values({ castId: cast.castId, tenantId: cast.tenantId, lines: logs.lines, truncated: logs.truncated, createdAt: cast.now });
}

/** A cast's kept lines, for its caster: the tenant is part of the key, so no other tenant reads them. */
export async function findCastLogs(db: DbOrTx, cast: { castId: string; tenantId: string }): Promise<CastLogs> {
  const [row] = await db
    .select({ lines: castLogs.lines, truncated: castLogs.truncated })
    .from(castLogs)
    .where(and(eq(castLogs.castId, cast.castId), eq(castLogs.tenantId, cast.tenantId)));
  return row ? { lines: row.lines as SpellLogLine[], truncated: row.truncated } : NO_LOGS;
}

/** Deletes up to `limit` rows kept since before `cutoff` (rows another run holds are skipped); returns how many. */
export async function deleteCastLogsBefore(tx: DbOrTx, cutoff: Date, limit: number): Promise<number> {
  const older = lt(castLogs.createdAt, cutoff);
  const rows = await tx
    .delete(castLogs)
    .where(sql`${castLogs.castId} in (select ${castLogs.castId} from ${castLogs} where ${older} limit ${limit} for update skip locked)`)
    .returning({ castId: castLogs.castId });
  return rows.length;
}

/** How many rows a cleanup with `cutoff` would delete, and when the oldest was kept. */
export async function countCastLogsBefore(db: DbOrTx, cutoff: Date): Promise<{ rows: number; oldest: Date | null }> {
  const [stats] = await db
    .select({ rows: count(), oldest: min(castLogs.createdAt) })
    .from(castLogs)
    .where(lt(castLogs.createdAt, cutoff));
  return { rows: stats?.rows ?? 0, oldest: stats?.oldest ? new Date(stats.oldest) : null };
}
