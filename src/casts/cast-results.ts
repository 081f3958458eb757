import { and, count, eq, gte, lt, min, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castResults } from '../db/schema.js';
import { cutToBytes, storable, utf8Bytes } from './stored-text.js';

/**
 * Every write to `cast_results`: what a cast was given and gave back (and why it failed), kept
 * when it settles for its caster's detail page and deleted once past `CAST_OUTPUT_RETENTION_DAYS`.
 * Like its logs, it is the caller's data and the spell's words: database and caster only, never
 * the server's log.
 */

/** A failed cast's message is the platform's words or the spell's own (`set_error`): at most this much is kept. */
export const ERROR_MESSAGE_MAX_BYTES = 4 * 1024;

/** What a settled cast keeps: each side as JSON text unless over the cap, and its size either way. */
export interface CastResultRecord {
  input: string | null;
  inputBytes: number;
  /** Null when the cast failed (then `outputBytes` is null too) or the output is over the cap. */
  output: string | null;
  outputBytes: number | null;
  errorMessage: string | null;
}

export type CastResultRow = typeof castResults.$inferSelect;

/** One side as JSON text (what the spell got, or what the caster got), kept only when it fits `maxBytes`. */
function measure(value: unknown, maxBytes: number): { text: string | null; bytes: number } {
  // JSON.stringify escapes NUL and lone surrogates, so the text suits a `text` column as it is.
  const text = JSON.stringify(value);
  const bytes = utf8Bytes(text);
  return { text: bytes <= maxBytes ? text : null, bytes };
}

/**
 * What a cast keeps of its run: `input` as the spell got it (no input is `null`), the output of a
 * cast that succeeded, the message of one that failed.
 */
export function captureCastResult(
  input: unknown,
  outcome: { ok: true; output: unknown } | { ok: false; message: string },
  maxBytes: number,
): CastResultRecord {
  const kept = measure(input ?? null, maxBytes);
  const output = outcome.ok ? measure(outcome.output, maxBytes) : undefined;
  return {
    input: kept.text,
    inputBytes: kept.bytes,
    output: output?.text ?? null,
    outputBytes: output?.bytes ?? null,
    errorMessage: outcome.ok ? null : cutToBytes(storable(outcome.message), ERROR_MESSAGE_MAX_BYTES),
  };
}

/** Keeps a settled cast's result. Call it in the settling transaction. */
export async function recordCastResult(tx: DbOrTx, cast: { castId: string; tenantId: string; now: Date }, result: CastResultRecord): Promise<void> {
  await tx.insert(castResults).values({ castId: cast.castId, tenantId: cast.tenantId, ...result, createdAt: cast.now });
}

/**
 * A cast's kept result, for its caster: the tenant is part of the key, so no other tenant reads
 * it, and a row kept before `keptSince` is past its retention even while the job has yet to delete it.
 */
export async function findCastResult(db: DbOrTx, cast: { castId: string; tenantId: string; keptSince: Date }): Promise<CastResultRow | undefined> {
  const [row] = await db
    .select()
    .from(castResults)
    .where(and(eq(castResults.castId, cast.castId), eq(castResults.tenantId, cast.tenantId), gte(castResults.createdAt, cast.keptSince)));
  return row;
}

/** Deletes up to `limit` results kept since before `cutoff` (rows another run holds are skipped); returns how many. */
export async function deleteCastResultsBefore(tx: DbOrTx, cutoff: Date, limit: number): Promise<number> {
  const older = lt(castResults.createdAt, cutoff);
  const rows = await tx
    .delete(castResults)
    .where(sql`${castResults.castId} in (select ${castResults.castId} from ${castResults} where ${older} limit ${limit} for update skip locked)`)
    .returning({ castId: castResults.castId });
  return rows.length;
}

/** How many results a cleanup with `cutoff` would delete, and when the oldest was kept. */
export async function countCastResultsBefore(db: DbOrTx, cutoff: Date): Promise<{ rows: number; oldest: Date | null }> {
  const [stats] = await db
    .select({ rows: count(), oldest: min(castResults.createdAt) })
    .from(castResults)
    .where(lt(castResults.createdAt, cutoff));
  return { rows: stats?.rows ?? 0, oldest: stats?.oldest ? new Date(stats.oldest) : null };
}
