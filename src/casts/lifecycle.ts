import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { hasBillingAccount, queueMeterEvent } from '../billing/meter.js';
import { holdBudget, releaseBudgetHold, settleBudgetHold, type BudgetRefusal } from '../budgets/holds.js';
import type { DbOrTx } from '../db/client.js';
import { castInputs, casts } from '../db/schema.js';
import { settleCastMoney, type MoneyRules } from '../ledger/cast-money.js';
import { chargeCastCredit, refundCastCredit } from '../ledger/credit.js';
import { activePlan } from '../tenants/entitlements.js';
import { emitCastFinished, emitHardLimitReached } from '../events/emitters.js';
import { recordCastLogs, type CastLogs } from './cast-logs.js';
import { recordCastResult, type CastResultRecord } from './cast-results.js';
import { nextQueueRank } from './queue-rank.js';

/**
 * Every write to `casts`: a cast starts (`running`, with its holds), settles, is abandoned or
 * expires here. Budget holds and credit charges are functions of their own folders, called
 * inside these transactions so the cast row and what it holds commit together.
 */

export type { BudgetRefusal } from '../budgets/holds.js';

/** A paid cast of a tenant without a plan, whose prepaid credit does not cover the price. */
export interface CreditRefusal {
  ok: false;
  reason: 'credits';
  balanceCents: number;
}

export type StartCastResult = { ok: true; castId: string } | BudgetRefusal | CreditRefusal;

/** Thrown inside the starting transaction to roll back whatever it had held. */
class Refused extends Error {
  constructor(readonly refusal: BudgetRefusal | CreditRefusal) {
    super(`cast refused: ${refusal.reason}`);
  }
}

export interface NewCast {
  tenantId: string;
  userId: string;
  spellId: string;
  spellVersionId: string;
  priceCents: number;
  /** Whether the price is the spell's creator's (paid by the caster, never by a plan) rather than the platform's own cost. */
  creatorPriced: boolean;
  now: Date;
  /** After this, a still-running cast is taken for dead and its reservation released. */
  expiresAt: Date;
  /** Whether billing is on: then a paid cast is charged to prepaid credit, metered on a plan's invoice or covered by the plan. */
  billing: boolean;
  /** An async cast: written `queued` (with its input) for a worker instead of `running`. */
  queued?: QueuedCast;
}

/** What an async cast keeps while it waits for a worker. */
export interface QueuedCast {
  /** The input as JSON text. */
  input: string;
  timeoutMs: number;
  /** Still queued after this, it fails as `expired`. */
  queueExpiresAt: Date;
  webhookUrl: string | null;
}

type Payment = NonNullable<(typeof casts.$inferSelect)['payment']>;

/**
 * How a paid cast is paid. A creator's price is always the caster's to pay: on a plan with a
 * Stripe subscription it goes on the metered invoice, otherwise it comes from prepaid credit (a
 * `LIFETIME` entitlement included). The platform's own cost (`COST_PER_CAST_CENTS`) is covered by
 * any plan (metered when the plan is Stripe's). With billing off, a price is only booked.
 */
async function castPayment(tx: DbOrTx, cast: NewCast): Promise<Payment | null> {
  if (cast.priceCents <= 0) return null;
  if (!cast.billing) return 'unbilled';
  const plan = await activePlan(tx, cast.tenantId, cast.now);
  if (plan === 'FREE') return 'credits';
  if (plan === 'PRO' && (await hasBillingAccount(tx, cast.tenantId))) return 'plan';
  return cast.creatorPriced ? 'credits' : 'covered';
}

/**
 * Checks the hard budget and holds the cast's price, then writes the cast as `running` (an async
 * one as `queued`, with its input and its place in its tenant's line), in one transaction. With billing on, a paid cast of a tenant without a plan is then charged to its
 * prepaid credit in the same transaction, or refused (and the budget hold rolled back).
 */
export async function startCast(db: DbOrTx, cast: NewCast): Promise<StartCastResult> {
  try {
    return await db.transaction(async (tx) => {
      const held = await holdBudget(tx, cast);
      if (!held.ok) throw new Refused(held);
      const castId = randomUUID();
      const payment = await castPayment(tx, cast);
      if (payment === 'credits') {
        const charged = await chargeCastCredit(tx, { tenantId: cast.tenantId, castId, priceCents: cast.priceCents, now: cast.now });
        if (!charged.ok) throw new Refused({ ok: false, reason: 'credits', balanceCents: charged.balanceCents });
      }
      const { queued } = cast;
      await tx.insert(casts).values({
        id: castId,
        tenantId: cast.tenantId,
        userId: cast.userId,
        spellId: cast.spellId,
        spellVersionId: cast.spellVersionId,
        status: queued ? 'queued' : 'running',
        ...(queued && {
          mode: 'async' as const,
          queueExpiresAt: queued.queueExpiresAt,
          queueRank: await nextQueueRank(tx, cast.tenantId),
          timeoutMs: queued.timeoutMs,
          webhookUrl: queued.webhookUrl,
        }),
        reservedCents: held.hold ? cast.priceCents : 0,
        budgetPeriod: held.hold?.period ?? null,
        periodStart: held.hold?.periodStart ?? null,
        expiresAt: cast.expiresAt,
        payment,
        priceCents: cast.priceCents,
        createdAt: cast.now,
      });
      if (queued) await tx.insert(castInputs).values({ castId, tenantId: cast.tenantId, input: queued.input, createdAt: cast.now });
      return { ok: true as const, castId };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const { refusal } = error;
    if (refusal.reason === 'budget') await emitHardLimitReached(db, { tenantId: cast.tenantId, ...refusal, now: cast.now });
    return refusal;
  }
}

export interface CastResult {
  castId: string;
  status: 'succeeded' | 'failed';
  errorCode: string | null;
  durationMs: number;
  costCents: number;
  now: Date;
  /** What the spell wrote, already capped (`capCastLogs`); kept with the cast when there is any. */
  logs?: CastLogs;
  /** Its input, output and error message, already measured and capped (`captureCastResult`), for its detail. */
  record?: CastResultRecord;
  /** The creators' share and hold period (`config.money`). */
  money: MoneyRules;
}

/** After settling: whether the period is now past its soft limit (for the response header). */
export interface Settlement {
  settled: boolean;
  softLimitExceeded: boolean;
  /** The creator's share of the cast's price (0 unless it succeeded at a creator's price). */
  creatorCents: number;
}

/**
 * Records the outcome, its log lines, its input and output and moves the hold into usage in one
 * transaction: the cast's cost and the counter change together or not at all. A cast the
 * reconciler already expired is left alone (and keeps no logs or result), so nothing is charged twice.
 */
export async function settleCast(db: DbOrTx, result: CastResult): Promise<Settlement> {
  return db.transaction(async (tx) => {
    const [cast] = await tx
      .update(casts)
      .set({
        status: result.status,
        errorCode: result.errorCode,
        durationMs: result.durationMs,
        costCents: result.costCents,
        finishedAt: result.now,
        expiresAt: null,
      })
      .where(and(eq(casts.id, result.castId), eq(casts.status, 'running')))
      .returning();
    if (!cast) return { settled: false, softLimitExceeded: false, creatorCents: 0 };
    if (cast.mode === 'async') await tx.delete(castInputs).where(eq(castInputs.castId, cast.id));
    const kept = { castId: cast.id, tenantId: cast.tenantId, now: result.now };
    if (result.logs) await recordCastLogs(tx, kept, result.logs);
    if (result.record) await recordCastResult(tx, kept, result.record);
    const creatorCents = await settleMoney(tx, cast, result);
    await emitCastFinished(tx, { ...cast, status: result.status, durationMs: result.durationMs, costCents: result.costCents, finishedAt: result.now });
    return { settled: true, softLimitExceeded: await settleBudgetHold(tx, cast, result.costCents, result.now), creatorCents };
  });
}

/** What releasing a cast's holds and announcing its end need of its row (`releaseHolds`, the cast's events). */
export const heldCastColumns = {
  id: casts.id,
  tenantId: casts.tenantId,
  budgetPeriod: casts.budgetPeriod,
  periodStart: casts.periodStart,
  reservedCents: casts.reservedCents,
  payment: casts.payment,
  priceCents: casts.priceCents,
  spellId: casts.spellId,
  spellVersionId: casts.spellVersionId,
  webhookUrl: casts.webhookUrl,
};

/**
 * Fails casts whose process died mid-flight (still `running` past `expires_at`) and releases
 * their holds. An interrupted cast costs nothing. Safe to run on every instance at once: each row
 * is claimed by exactly one UPDATE.
 */
export async function expireStaleCasts(db: DbOrTx, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(casts)
      .set({ status: 'failed', errorCode: 'interrupted', costCents: 0, finishedAt: now, expiresAt: null })
      .where(and(eq(casts.status, 'running'), lt(casts.expiresAt, now)))
      .returning(heldCastColumns);
    for (const cast of expired) {
      await releaseHolds(tx, cast, now);
      await emitCastFinished(tx, { ...cast, status: 'failed', errorCode: 'interrupted', durationMs: 0, costCents: 0, finishedAt: now });
    }
    return expired.length;
  });
}

/** Withdraws a cast that was refused after its hold (rate limited, or never queued): as if it never started. */
export async function abandonCast(db: DbOrTx, castId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [cast] = await tx
      .delete(casts)
      .where(and(eq(casts.id, castId), inArray(casts.status, ['running', 'queued'])))
      .returning();
    if (cast) await releaseHolds(tx, cast, now);
  });
}

const FUNDING = { credits: 'credits', plan: 'invoice', unbilled: 'unbilled' } as const;

/**
 * A settled cast's money: a succeeded one's price is split between its creator and the platform
 * (and a plan's is metered), a failed one's credit charge is given back.
 */
async function settleMoney(tx: DbOrTx, cast: typeof casts.$inferSelect, result: CastResult): Promise<number> {
  const priceCents = cast.priceCents ?? result.costCents;
  if (result.status !== 'succeeded' || result.costCents <= 0) {
    if (cast.payment === 'credits') await refundCastCredit(tx, { castId: cast.id, tenantId: cast.tenantId, priceCents, now: result.now });
    return 0;
  }
  if (cast.payment === 'plan') {
    await queueMeterEvent(tx, { castId: cast.id, tenantId: cast.tenantId, valueCents: result.costCents, now: result.now });
  }
  if (cast.payment !== 'credits' && cast.payment !== 'plan' && cast.payment !== 'unbilled') return 0;
  return settleCastMoney(
    tx,
    { castId: cast.id, consumerTenantId: cast.tenantId, spellId: cast.spellId, priceCents: result.costCents, funding: FUNDING[cast.payment], now: result.now },
    result.money,
  );
}

export type HeldCast = Pick<typeof casts.$inferSelect, 'id' | 'tenantId' | 'payment' | 'priceCents' | 'budgetPeriod' | 'periodStart' | 'reservedCents'>;

/** Gives back what a cast that will not be charged still holds: its credit charge and its budget reservation. */
export async function releaseHolds(tx: DbOrTx, cast: HeldCast, now: Date): Promise<void> {
  if (cast.payment === 'credits') await refundCastCredit(tx, { castId: cast.id, tenantId: cast.tenantId, priceCents: cast.priceCents ?? 0, now });
  await releaseBudgetHold(tx, cast);
}
