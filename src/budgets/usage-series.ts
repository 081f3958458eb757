import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { casts } from '../db/schema.js';
import { findBudget } from './budgets.js';
import { periodWindow, type BudgetPeriod } from './periods.js';

export interface UsageBucket {
  /** The bucket's start: an hour (daily periods) or a day (monthly), in the budget's time zone. */
  start: Date;
  /** When the bucket's last cast was made. */
  lastAt: Date;
  cents: number;
  casts: number;
}

export interface UsageSeries {
  period: BudgetPeriod;
  timeZone: string;
  periodStart: Date;
  periodEnd: Date;
  bucket: 'hour' | 'day';
  buckets: UsageBucket[];
}

/**
 * The tenant's spending over the current period, all members' casts together, in hourly
 * (daily budget) or daily (monthly budget) buckets: what a usage chart draws. Running casts are
 * left out until they finish.
 */
export async function readUsageSeries(db: DbOrTx, tenantId: string, now: Date): Promise<UsageSeries> {
  const budget = await findBudget(db, tenantId);
  const period = budget?.period ?? 'monthly';
  const timeZone = budget?.timeZone ?? 'UTC';
  const window = periodWindow(period, timeZone, now);
  const bucket = period === 'daily' ? 'hour' : 'day';
  // Truncated in the budget's zone, so a day bucket starts at that zone's midnight.
  const start = sql<string>`date_trunc(${bucket}, ${casts.createdAt} at time zone ${timeZone}) at time zone ${timeZone}`;
  const rows = await db
    .select({
      start,
      lastAt: sql<string>`max(${casts.createdAt})`,
      cents: sql<string>`coalesce(sum(${casts.costCents}), 0)`,
      casts: sql<string>`count(*)`,
    })
    .from(casts)
    .where(
      and(
        eq(casts.tenantId, tenantId),
        inArray(casts.status, ['succeeded', 'failed']),
        gte(casts.createdAt, window.start),
        lt(casts.createdAt, window.end),
      ),
    )
    // By position: the bucket expression carries bind parameters, so repeating it would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return {
    period,
    timeZone,
    periodStart: window.start,
    periodEnd: window.end,
    bucket,
    buckets: rows.map((row) => ({
      start: new Date(row.start),
      lastAt: new Date(row.lastAt),
      cents: Number(row.cents),
      casts: Number(row.casts),
    })),
  };
}
