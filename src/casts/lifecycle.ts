import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { chargeCredits, refundCredits } from '../billing/credits.js';
import { activePlan } from '../tenants/entitlements.js';
import type { DbOrTx } from '../db/client.js';
import { billingAccounts, budgetEvents, budgets, budgetUsage, casts, meterEvents } from '../db/schema.js';
import { periodWindow, type BudgetPeriod } from '../budgets/periods.js';

/** Why a cast was refused before it ran, with what the 402 answer shows. */
export interface BudgetRefusal {
  ok: false;
  reason: 'budget';
  period: BudgetPeriod;
  periodEnd: Date;
  limitCents: number;
  usedCents: number;
  reservedCents: number;
  wouldBeCents: number;
}

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
  now: Date;
  /** After this, a still-running cast is taken for dead and its reservation released. */
  expiresAt: Date;
  /** Whether billing is on: then a paid cast is covered by a plan or charged to prepaid credit. */
  billing: boolean;
}

const usageKey = (tenantId: string, period: BudgetPeriod, periodStart: Date) =>
  and(eq(budgetUsage.tenantId, tenantId), eq(budgetUsage.period, period), eq(budgetUsage.periodStart, periodStart));

/**
 * Checks the hard budget and holds the cast's price in one step, then writes the cast as
 * `running`. The hold is a single conditional UPDATE of the period's counter, so concurrent
 * casts (on any number of instances) serialize on that row and can never overspend. Free casts
 * are never refused. With billing on, a paid cast of a tenant without a plan is then charged to
 * its prepaid credit in the same transaction, or refused (and the budget hold rolled back).
 */
export async function startCast(db: DbOrTx, cast: NewCast): Promise<StartCastResult> {
  try {
    return await db.transaction(async (tx) => {
      const bucket = await holdBudget(tx, cast);
      const castId = randomUUID();
      const payment =
        cast.billing && cast.priceCents > 0
          ? (await activePlan(tx, cast.tenantId, cast.now)) === 'FREE'
            ? ('credits' as const)
            : ('plan' as const)
          : null;
      // Before the cast row: its foreign key share-locks the tenant row that the charge locks.
      if (payment === 'credits') {
        const charged = await chargeCredits(tx, { tenantId: cast.tenantId, castId, priceCents: cast.priceCents, now: cast.now });
        if (!charged.ok) throw new Refused({ ok: false, reason: 'credits', balanceCents: charged.balanceCents });
      }
      await tx.insert(casts).values({
        id: castId,
        tenantId: cast.tenantId,
        userId: cast.userId,
        spellId: cast.spellId,
        spellVersionId: cast.spellVersionId,
        status: 'running',
        reservedCents: bucket ? cast.priceCents : 0,
        budgetPeriod: bucket?.period ?? null,
        periodStart: bucket?.periodStart ?? null,
        expiresAt: cast.expiresAt,
        payment,
        createdAt: cast.now,
      });
      return { ok: true as const, castId };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** Takes the budget hold for a cast, or throws `Refused`; null when the tenant has no budget. */
async function holdBudget(tx: DbOrTx, cast: NewCast): Promise<{ period: BudgetPeriod; periodStart: Date } | null> {
  const [budget] = await tx.select().from(budgets).where(eq(budgets.tenantId, cast.tenantId));
  if (!budget) return null;
  const window = periodWindow(budget.period, budget.timeZone, cast.now);
  await tx
    .insert(budgetUsage)
    .values({ tenantId: cast.tenantId, period: budget.period, periodStart: window.start })
    .onConflictDoNothing();
  const price = cast.priceCents;
  const held = await tx
    .update(budgetUsage)
    .set({ reservedCents: sql`${budgetUsage.reservedCents} + ${price}` })
    .where(
      and(
        usageKey(cast.tenantId, budget.period, window.start),
        sql`(${price} = 0 or ${budgetUsage.usedCents} + ${budgetUsage.reservedCents} + ${price} <= ${budget.hardLimitCents})`,
      ),
    )
    .returning({ used: budgetUsage.usedCents });
  if (held.length === 0) {
    const [usage] = await tx.select().from(budgetUsage).where(usageKey(cast.tenantId, budget.period, window.start));
    const usedCents = usage?.usedCents ?? 0;
    const reservedCents = usage?.reservedCents ?? 0;
    throw new Refused({
      ok: false,
      reason: 'budget',
      period: budget.period,
      periodEnd: window.end,
      limitCents: budget.hardLimitCents,
      usedCents,
      reservedCents,
      wouldBeCents: usedCents + reservedCents + price,
    });
  }
  return { period: budget.period, periodStart: window.start };
}

export interface CastResult {
  castId: string;
  status: 'succeeded' | 'failed';
  errorCode: string | null;
  durationMs: number;
  costCents: number;
  now: Date;
}

/** After settling: whether the period is now past its soft limit (for the response header). */
export interface Settlement {
  settled: boolean;
  softLimitExceeded: boolean;
}

/**
 * Records the outcome and moves the hold into usage in one transaction: the cast's cost and the
 * counter change together or not at all. A cast the reconciler already expired is left alone, so
 * nothing is charged twice. The first crossing of the soft limit in a period writes one event.
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
    if (!cast) return { settled: false, softLimitExceeded: false };
    if (cast.payment === 'credits' && result.status !== 'succeeded') await refundCredits(tx, cast.id, result.now);
    if (cast.payment === 'plan' && result.status === 'succeeded' && result.costCents > 0) {
      await queueMeterEvent(tx, { castId: cast.id, tenantId: cast.tenantId, valueCents: result.costCents, now: result.now });
    }
    if (!cast.budgetPeriod || !cast.periodStart) return { settled: true, softLimitExceeded: false };

    const [usage] = await tx
      .update(budgetUsage)
      .set({
        usedCents: sql`${budgetUsage.usedCents} + ${result.costCents}`,
        reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${cast.reservedCents}, 0)`,
        casts: sql`${budgetUsage.casts} + 1`,
      })
      .where(usageKey(cast.tenantId, cast.budgetPeriod, cast.periodStart))
      .returning();
    const [budget] = await tx.select().from(budgets).where(eq(budgets.tenantId, cast.tenantId));
    if (!usage || !budget || usage.usedCents <= budget.softLimitCents) return { settled: true, softLimitExceeded: false };

    const marked = await tx
      .update(budgetUsage)
      .set({ softCrossedAt: result.now })
      .where(and(usageKey(cast.tenantId, cast.budgetPeriod, cast.periodStart), isNull(budgetUsage.softCrossedAt)))
      .returning({ tenantId: budgetUsage.tenantId });
    if (marked.length > 0) {
      await tx
        .insert(budgetEvents)
        .values({
          tenantId: cast.tenantId,
          kind: 'soft_limit_crossed',
          periodStart: cast.periodStart,
          usedCents: usage.usedCents,
          limitCents: budget.softLimitCents,
          createdAt: result.now,
        })
        .onConflictDoNothing();
    }
    return { settled: true, softLimitExceeded: true };
  });
}

/**
 * Writes the usage of a plan tenant's cast to the outbox the meter dispatcher sends to Stripe, in
 * the cast's settling transaction, so usage is never lost. Tenants whose plan does not come from a
 * Stripe subscription (a license, an operator's grant) have no customer and nothing to report.
 */
async function queueMeterEvent(tx: DbOrTx, event: { castId: string; tenantId: string; valueCents: number; now: Date }): Promise<void> {
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, event.tenantId));
  if (!account) return;
  await tx
    .insert(meterEvents)
    .values({
      castId: event.castId,
      tenantId: event.tenantId,
      stripeCustomerId: account.stripeCustomerId,
      valueCents: event.valueCents,
      occurredAt: event.now,
      nextAttemptAt: event.now,
    })
    .onConflictDoNothing();
}

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
      .returning({
        id: casts.id,
        tenantId: casts.tenantId,
        budgetPeriod: casts.budgetPeriod,
        periodStart: casts.periodStart,
        reservedCents: casts.reservedCents,
        payment: casts.payment,
      });
    for (const cast of expired) await releaseHolds(tx, cast, now);
    return expired.length;
  });
}

/** Withdraws a cast that was refused after its hold (rate limited): as if it never started. */
export async function abandonCast(db: DbOrTx, castId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [cast] = await tx
      .delete(casts)
      .where(and(eq(casts.id, castId), eq(casts.status, 'running')))
      .returning();
    if (cast) await releaseHolds(tx, cast, now);
  });
}

type HeldCast = Pick<typeof casts.$inferSelect, 'id' | 'tenantId' | 'payment' | 'budgetPeriod' | 'periodStart' | 'reservedCents'>;

/** Gives back what a cast that will not be charged still holds: its credit charge and its budget reservation. */
async function releaseHolds(tx: DbOrTx, cast: HeldCast, now: Date): Promise<void> {
  if (cast.payment === 'credits') await refundCredits(tx, cast.id, now);
  if (!cast.budgetPeriod || !cast.periodStart || cast.reservedCents === 0) return;
  await tx
    .update(budgetUsage)
    .set({ reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${cast.reservedCents}, 0)` })
    .where(usageKey(cast.tenantId, cast.budgetPeriod, cast.periodStart));
}
