import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { budgetEvents, budgets, budgetUsage } from '../db/schema.js';
import { emitSoftLimitReached } from '../events/emitters.js';
import { periodWindow, type BudgetPeriod } from './periods.js';

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

/** Where a cast's hold sits: the period counter it was added to. */
export interface BudgetHold {
  period: BudgetPeriod;
  periodStart: Date;
}

/** A hold as the cast row remembers it (no period when the tenant had no budget). */
export interface HeldBudget {
  tenantId: string;
  budgetPeriod: BudgetPeriod | null;
  periodStart: Date | null;
  reservedCents: number;
}

/** A hold taken (`hold` is null when the tenant has no budget), or the refusal. */
export type HoldResult = { ok: true; hold: BudgetHold | null } | BudgetRefusal;

const usageKey = (tenantId: string, period: BudgetPeriod, periodStart: Date) =>
  and(eq(budgetUsage.tenantId, tenantId), eq(budgetUsage.period, period), eq(budgetUsage.periodStart, periodStart));

/**
 * Checks the hard budget and holds the price in one step: a single conditional UPDATE of the
 * period's counter, so concurrent casts (on any number of instances) serialize on that row and
 * can never overspend. Free casts are never refused. Call inside the cast's starting transaction.
 */
export async function holdBudget(tx: DbOrTx, cast: { tenantId: string; priceCents: number; now: Date }): Promise<HoldResult> {
  const [budget] = await tx.select().from(budgets).where(eq(budgets.tenantId, cast.tenantId));
  if (!budget) return { ok: true, hold: null };
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
  if (held.length > 0) return { ok: true, hold: { period: budget.period, periodStart: window.start } };
  const [usage] = await tx.select().from(budgetUsage).where(usageKey(cast.tenantId, budget.period, window.start));
  const usedCents = usage?.usedCents ?? 0;
  const reservedCents = usage?.reservedCents ?? 0;
  return {
    ok: false,
    reason: 'budget',
    period: budget.period,
    periodEnd: window.end,
    limitCents: budget.hardLimitCents,
    usedCents,
    reservedCents,
    wouldBeCents: usedCents + reservedCents + price,
  };
}

/**
 * Moves a settled cast's hold into usage (`costCents` used, the rest released) and reports
 * whether the period is now past its soft limit. The first crossing in a period writes one
 * `soft_limit_crossed` event. Call inside the cast's settling transaction.
 */
export async function settleBudgetHold(tx: DbOrTx, held: HeldBudget, costCents: number, now: Date): Promise<boolean> {
  if (!held.budgetPeriod || !held.periodStart) return false;
  const key = usageKey(held.tenantId, held.budgetPeriod, held.periodStart);
  const [usage] = await tx
    .update(budgetUsage)
    .set({
      usedCents: sql`${budgetUsage.usedCents} + ${costCents}`,
      reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${held.reservedCents}, 0)`,
      casts: sql`${budgetUsage.casts} + 1`,
    })
    .where(key)
    .returning();
  const [budget] = await tx.select().from(budgets).where(eq(budgets.tenantId, held.tenantId));
  if (!usage || !budget || usage.usedCents <= budget.softLimitCents) return false;

  const marked = await tx
    .update(budgetUsage)
    .set({ softCrossedAt: now })
    .where(and(key, isNull(budgetUsage.softCrossedAt)))
    .returning({ tenantId: budgetUsage.tenantId });
  if (marked.length > 0) {
    await tx
      .insert(budgetEvents)
      .values({
        tenantId: held.tenantId,
        kind: 'soft_limit_crossed',
        periodStart: held.periodStart,
        usedCents: usage.usedCents,
        limitCents: budget.softLimitCents,
        createdAt: now,
      })
      .onConflictDoNothing();
    await emitSoftLimitReached(tx, { tenantId: held.tenantId, period: held.budgetPeriod, periodStart: held.periodStart, usedCents: usage.usedCents, limitCents: budget.softLimitCents, now });
  }
  return true;
}

/** Gives back the reservation of a cast that will not be charged (interrupted or withdrawn). */
export async function releaseBudgetHold(tx: DbOrTx, held: HeldBudget): Promise<void> {
  if (!held.budgetPeriod || !held.periodStart || held.reservedCents === 0) return;
  await tx
    .update(budgetUsage)
    .set({ reservedCents: sql`greatest(${budgetUsage.reservedCents} - ${held.reservedCents}, 0)` })
    .where(usageKey(held.tenantId, held.budgetPeriod, held.periodStart));
}
