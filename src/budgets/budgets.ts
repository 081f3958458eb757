import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { budgets, budgetUsage, casts } from '../db/schema.js';
import { periodWindow, type BudgetPeriod } from './periods.js';

export type BudgetRow = typeof budgets.$inferSelect;

export interface BudgetSettings {
  period: BudgetPeriod;
  softLimitCents: number;
  hardLimitCents: number;
  timeZone: string;
}

export async function findBudget(db: DbOrTx, tenantId: string): Promise<BudgetRow | undefined> {
  const [row] = await db.select().from(budgets).where(eq(budgets.tenantId, tenantId));
  return row;
}

/**
 * Creates or replaces the tenant's budget. The usage counter of the (new) current period is
 * recounted from the casts table in the same transaction, so a budget set mid-period, or a
 * changed period or time zone, starts from what was really spent.
 */
export async function saveBudget(
  db: DbOrTx,
  options: { tenantId: string; settings: BudgetSettings; now: Date },
): Promise<BudgetRow> {
  const { tenantId, settings, now } = options;
  return db.transaction(async (tx) => {
    const values = { tenantId, ...settings, updatedAt: now };
    const [row] = await tx
      .insert(budgets)
      .values({ ...values, createdAt: now })
      .onConflictDoUpdate({ target: budgets.tenantId, set: values })
      .returning();
    if (!row) throw new Error('budget upsert returned nothing');
    const window = periodWindow(settings.period, settings.timeZone, now);
    const [spent] = await tx
      .select({
        used: sql<string>`coalesce(sum(${casts.costCents}), 0)`,
        count: sql<string>`count(*)`,
      })
      .from(casts)
      .where(
        and(
          eq(casts.tenantId, tenantId),
          inArray(casts.status, ['succeeded', 'failed']),
          gte(casts.createdAt, window.start),
          lt(casts.createdAt, window.end),
        ),
      );
    const counted = { usedCents: Number(spent?.used ?? 0), casts: Number(spent?.count ?? 0) };
    await tx
      .insert(budgetUsage)
      .values({ tenantId, period: settings.period, periodStart: window.start, ...counted })
      .onConflictDoUpdate({ target: [budgetUsage.tenantId, budgetUsage.period, budgetUsage.periodStart], set: counted });
    return row;
  });
}

export async function deleteBudget(db: DbOrTx, tenantId: string): Promise<boolean> {
  const deleted = await db.delete(budgets).where(eq(budgets.tenantId, tenantId)).returning({ tenantId: budgets.tenantId });
  return deleted.length > 0;
}

export interface UsageReport {
  period: BudgetPeriod;
  timeZone: string;
  periodStart: Date;
  periodEnd: Date;
  usedCents: number;
  reservedCents: number;
  casts: number;
  softLimitCents: number | null;
  hardLimitCents: number | null;
}

/**
 * The current period's usage: the budget's counter, or (without a budget) a monthly UTC
 * window summed from the casts themselves.
 */
export async function readUsage(db: DbOrTx, tenantId: string, now: Date): Promise<UsageReport> {
  const budget = await findBudget(db, tenantId);
  const period = budget?.period ?? 'monthly';
  const timeZone = budget?.timeZone ?? 'UTC';
  const window = periodWindow(period, timeZone, now);
  const limits = { softLimitCents: budget?.softLimitCents ?? null, hardLimitCents: budget?.hardLimitCents ?? null };
  const base = { period, timeZone, periodStart: window.start, periodEnd: window.end, ...limits };
  if (budget) {
    const [usage] = await db
      .select()
      .from(budgetUsage)
      .where(and(eq(budgetUsage.tenantId, tenantId), eq(budgetUsage.period, period), eq(budgetUsage.periodStart, window.start)));
    return { ...base, usedCents: usage?.usedCents ?? 0, reservedCents: usage?.reservedCents ?? 0, casts: usage?.casts ?? 0 };
  }
  const [spent] = await db
    .select({
      used: sql<string>`coalesce(sum(${casts.costCents}), 0)`,
      count: sql<string>`count(*) filter (where ${casts.status} in ('succeeded', 'failed'))`,
    })
    .from(casts)
    .where(and(eq(casts.tenantId, tenantId), gte(casts.createdAt, window.start), lt(casts.createdAt, window.end)));
  return { ...base, usedCents: Number(spent?.used ?? 0), reservedCents: 0, casts: Number(spent?.count ?? 0) };
}
