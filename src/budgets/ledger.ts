import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { budgetEvents, budgets, budgetUsage, casts } from '../db/schema.js';
import { periodWindow, type BudgetPeriod } from './periods.js';

/** Why a cast was refused before it ran, with what the 402 answer shows. */
export interface BudgetRefusal {
  ok: false;
  period: BudgetPeriod;
  periodEnd: Date;
  limitCents: number;
  usedCents: number;
  reservedCents: number;
  wouldBeCents: number;
}

export type StartCastResult = { ok: true; castId: string } | BudgetRefusal;

export interface NewCast {
  tenantId: string;
  userId: string;
  spellId: string;
  spellVersionId: string;
  priceCents: number;
  now: Date;
  /** After this, a still-running cast is taken for dead and its reservation released. */
  expiresAt: Date;
}

const usageKey = (tenantId: string, period: BudgetPeriod, periodStart: Date) =>
  and(eq(budgetUsage.tenantId, tenantId), eq(budgetUsage.period, period), eq(budgetUsage.periodStart, periodStart));

/**
 * Checks the hard budget and holds the cast's price in one step, then writes the cast as
 * `running`. The hold is a single conditional UPDATE of the period's counter, so concurrent
 * casts (on any number of instances) serialize on that row and can never overspend. Free casts
 * are never refused.
 */
export async function startCast(db: DbOrTx, cast: NewCast): Promise<StartCastResult> {
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.tenantId, cast.tenantId));
    let bucket: { period: BudgetPeriod; periodStart: Date } | null = null;
    if (budget) {
      const window = periodWindow(budget.period, budget.timeZone, cast.now);
      bucket = { period: budget.period, periodStart: window.start };
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
        return {
          ok: false as const,
          period: budget.period,
          periodEnd: window.end,
          limitCents: budget.hardLimitCents,
          usedCents,
          reservedCents,
          wouldBeCents: usedCents + reservedCents + price,
        };
      }
    }
    const [row] = await tx
      .insert(casts)
      .values({
        tenantId: cast.tenantId,
        userId: cast.userId,
        spellId: cast.spellId,
        spellVersionId: cast.spellVersionId,
        status: 'running',
        reservedCents: bucket ? cast.priceCents : 0,
        budgetPeriod: bucket?.period ?? null,
        periodStart: bucket?.periodStart ?? null,
        expiresAt: cast.expiresAt,
        createdAt: cast.now,
      })
      .returning({ id: casts.id });
    if (!row) throw new Error('cast insert returned nothing');
    return { ok: true as const, castId: row.id };
  });
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
        tenantId: casts.tenantId,
        period: casts.budgetPeriod,
        periodStart: casts.periodStart,
        reservedCents: casts.reservedCents,
      });
    for (const cast of expired) {
      if (!cast.period || !cast.periodStart || cast.reservedCents === 0) continue;
      await tx
        .update(budgetUsage)
        .set({ reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${cast.reservedCents}, 0)` })
        .where(usageKey(cast.tenantId, cast.period, cast.periodStart));
    }
    return expired.length;
  });
}

/** Withdraws a cast that was refused after its hold (rate limited): as if it never started. */
export async function abandonCast(db: DbOrTx, castId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [cast] = await tx
      .delete(casts)
      .where(and(eq(casts.id, castId), eq(casts.status, 'running')))
      .returning();
    if (cast?.budgetPeriod && cast.periodStart && cast.reservedCents > 0) {
      await tx
        .update(budgetUsage)
        .set({ reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${cast.reservedCents}, 0)` })
        .where(usageKey(cast.tenantId, cast.budgetPeriod, cast.periodStart));
    }
  });
}
