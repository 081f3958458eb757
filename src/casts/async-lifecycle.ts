import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castInputs, casts } from '../db/schema.js';
import { emitCastFinished } from '../events/emitters.js';
import { heldCastColumns, releaseHolds, type HeldCast } from './lifecycle.js';

/**
 * The writes of an async cast's wait: a worker claims it, its caster cancels it, or it expires in
 * the queue. Each is one conditional UPDATE on `status = 'queued'`, so of a claim, a cancel and an
 * expiry racing for one cast exactly one wins, and a cast is claimed (run) at most once. A cancel or
 * an expiry emits the cast's `cast.failed` event in its transaction.
 */


/** A claimed cast, with what its worker needs to run it. */
export interface ClaimedCast {
  castId: string;
  tenantId: string;
  spellId: string;
  spellVersionId: string;
  priceCents: number;
  timeoutMs: number;
  input: unknown;
}

export type ClaimResult = { ok: true; cast: ClaimedCast } | { ok: false; reason: 'not_queued' | 'expired' };

/**
 * Moves a queued cast to `running` for one worker, setting its `expires_at` (timeout plus grace)
 * so that a worker dying mid-cast leaves it to the reconciler, which fails it as `interrupted` at
 * no cost. An async cast is never retried: a second delivery of its job finds it no longer queued.
 */
export async function claimQueuedCast(db: DbOrTx, castId: string, options: { now: Date; graceMs: number }): Promise<ClaimResult> {
  const { now } = options;
  const [claimed] = await db
    .update(casts)
    .set({
      status: 'running',
      startedAt: now,
      attempts: sql`${casts.attempts} + 1`,
      expiresAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => (coalesce(${casts.timeoutMs}, 0) + ${options.graceMs}) / 1000.0)`,
    })
    .where(and(eq(casts.id, castId), eq(casts.status, 'queued'), sql`${casts.queueExpiresAt} > ${now.toISOString()}::timestamptz`))
    .returning();
  if (!claimed) {
    const expired = await expireQueuedCasts(db, now, castId);
    return { ok: false, reason: expired.length > 0 ? 'expired' : 'not_queued' };
  }
  const [row] = await db.select({ input: castInputs.input }).from(castInputs).where(eq(castInputs.castId, castId));
  return {
    ok: true,
    cast: {
      castId,
      tenantId: claimed.tenantId,
      spellId: claimed.spellId,
      spellVersionId: claimed.spellVersionId,
      priceCents: claimed.priceCents ?? 0,
      timeoutMs: claimed.timeoutMs ?? 0,
      input: row ? (JSON.parse(row.input) as unknown) : null,
    },
  };
}

/**
 * A claimed cast's spell started on a worker, maybe after waiting for one: its `started_at` and
 * its `expires_at` (timeout plus grace) count from now, so the wait neither shows as running time
 * nor brings the reconciler to it early.
 */
export async function markCastStarted(db: DbOrTx, castId: string, options: { now: Date; graceMs: number }): Promise<void> {
  const { now } = options;
  await db
    .update(casts)
    .set({
      startedAt: now,
      expiresAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => (coalesce(${casts.timeoutMs}, 0) + ${options.graceMs}) / 1000.0)`,
    })
    .where(and(eq(casts.id, castId), eq(casts.status, 'running')));
}

export type CancelResult = { ok: true; cast: HeldCast } | { ok: false };

/** The queued casts, lowest rank first: what a worker starting up hands its queue again (a lost job is thus found). */
export async function listQueuedCasts(db: DbOrTx): Promise<{ castId: string; tenantId: string; rank: number }[]> {
  const rows = await db
    .select({ castId: casts.id, tenantId: casts.tenantId, rank: casts.queueRank })
    .from(casts)
    .where(eq(casts.status, 'queued'))
    .orderBy(casts.queueRank, casts.createdAt);
  return rows.map((row) => ({ ...row, rank: row.rank ?? 1 }));
}

/** Cancels a queued cast of the tenant and gives back its hold and credit charge: it costs nothing. */
export async function cancelQueuedCast(db: DbOrTx, cast: { castId: string; tenantId: string; now: Date }): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const [canceled] = await tx
      .update(casts)
      .set({ status: 'canceled', costCents: 0, finishedAt: cast.now, queueExpiresAt: null })
      .where(and(eq(casts.id, cast.castId), eq(casts.tenantId, cast.tenantId), eq(casts.status, 'queued')))
      .returning(heldCastColumns);
    if (!canceled) return { ok: false as const };
    await tx.delete(castInputs).where(eq(castInputs.castId, canceled.id));
    await releaseHolds(tx, canceled, cast.now);
    await emitCastFinished(tx, { ...canceled, status: 'canceled', errorCode: null, durationMs: 0, costCents: 0, finishedAt: cast.now });
    return { ok: true as const, cast: canceled };
  });
}

/**
 * Fails casts still queued past their `queue_expires_at` as `expired` and gives back their holds
 * (no cost); `castId` narrows it to one. Never touches a running cast, and the crash reconciler
 * (`expireStaleCasts`) never touches a queued one.
 */
export async function expireQueuedCasts(db: DbOrTx, now: Date, castId?: string): Promise<HeldCast[]> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(casts)
      .set({ status: 'failed', errorCode: 'expired', costCents: 0, finishedAt: now })
      .where(and(eq(casts.status, 'queued'), lte(casts.queueExpiresAt, now), castId === undefined ? undefined : eq(casts.id, castId)))
      .returning(heldCastColumns);
    for (const cast of expired) {
      await tx.delete(castInputs).where(eq(castInputs.castId, cast.id));
      await releaseHolds(tx, cast, now);
      await emitCastFinished(tx, { ...cast, status: 'failed', errorCode: 'expired', durationMs: 0, costCents: 0, finishedAt: now });
    }
    return expired;
  });
}
