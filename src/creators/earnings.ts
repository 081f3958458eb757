import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castSplits, payouts, spells, tenants } from '../db/schema.js';
import { accountBalance } from '../ledger/journal.js';

/**
 * What a creator has earned, read from the books: each paid cast's split (`cast_splits`, the
 * creator's share net of what refunds and lost disputes took back) and the creator's ledger
 * balances. A creator's own casts have no creator in their split, so they never count; a cast's
 * gross cost (`casts.cost_cents`) is never read here.
 */

/** What a share is worth once refunds and disputes took theirs. */
const netShare = sql<string>`coalesce(sum(${castSplits.creatorCents} - ${castSplits.creatorReversedCents}), 0)`;
const castCount = sql<string>`count(*)`;

export interface EarningsSummary {
  earnedCents: number;
  pendingCents: number;
  payableCents: number;
  inTransitCents: number;
  paidOutCents: number;
  unbilledCents: number;
  sharePercent: number;
}

/** The creator's totals: earned (all time, net), pending and payable balances, payouts in transit and paid. */
export async function readEarningsSummary(db: DbOrTx, tenantId: string, defaultSharePercent: number): Promise<EarningsSummary> {
  const [[earned], pendingCents, payableCents, [paid], [tenant]] = await Promise.all([
    db
      .select({ cents: netShare, unbilled: sql<string>`coalesce(sum(${castSplits.creatorCents} - ${castSplits.creatorReversedCents}) filter (where ${castSplits.status} = 'unbilled'), 0)` })
      .from(castSplits)
      .where(eq(castSplits.creatorTenantId, tenantId)),
    accountBalance(db, { kind: 'creator_pending', tenantId }),
    accountBalance(db, { kind: 'creator_payable', tenantId }),
    db
      .select({
        paid: sql<string>`coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} = 'paid'), 0)`,
        pending: sql<string>`coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} = 'pending'), 0)`,
      })
      .from(payouts)
      .where(eq(payouts.tenantId, tenantId)),
    db.select({ override: tenants.creatorSharePercent }).from(tenants).where(eq(tenants.id, tenantId)),
  ]);
  return {
    earnedCents: Number(earned?.cents ?? 0),
    unbilledCents: Number(earned?.unbilled ?? 0),
    pendingCents,
    payableCents,
    inTransitCents: Number(paid?.pending ?? 0),
    paidOutCents: Number(paid?.paid ?? 0),
    sharePercent: tenant?.override ?? defaultSharePercent,
  };
}

export interface SpellEarnings {
  spell: string;
  casts: number;
  earnedCents: number;
}

/** Earnings per spell, all time, most earned first. */
export async function readSpellEarnings(db: DbOrTx, tenantId: string): Promise<SpellEarnings[]> {
  const rows = await db
    .select({ owner: tenants.handle, name: spells.name, casts: castCount, cents: netShare })
    .from(castSplits)
    .innerJoin(spells, eq(spells.id, castSplits.spellId))
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(eq(castSplits.creatorTenantId, tenantId))
    .groupBy(tenants.handle, spells.name)
    .orderBy(sql`${netShare} desc`, spells.name);
  return rows.map((row) => ({ spell: `${row.owner}/${row.name}`, casts: Number(row.casts), earnedCents: Number(row.cents) }));
}

export interface DayEarnings {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  casts: number;
  earnedCents: number;
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Earnings per UTC day from `from` (inclusive) to `to` (exclusive), every day listed, oldest first. */
export async function readDailyEarnings(db: DbOrTx, tenantId: string, range: { from: Date; to: Date }): Promise<DayEarnings[]> {
  const day = sql<string>`to_char(${castSplits.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, casts: castCount, cents: netShare })
    .from(castSplits)
    .where(and(eq(castSplits.creatorTenantId, tenantId), gte(castSplits.createdAt, range.from), lt(castSplits.createdAt, range.to)))
    .groupBy(day);
  const found = new Map(rows.map((row) => [row.day, row]));
  const days: DayEarnings[] = [];
  for (let at = range.from.getTime(); at < range.to.getTime(); at += DAY_MS) {
    const row = found.get(dayOf(new Date(at)));
    days.push({ day: dayOf(new Date(at)), casts: Number(row?.casts ?? 0), earnedCents: Number(row?.cents ?? 0) });
  }
  return days;
}

/** The creator's share of one spell's casts by others, net of refunds (the spell's stats). */
export async function readSpellShare(db: DbOrTx, spellId: string): Promise<number> {
  const [row] = await db
    .select({ cents: netShare })
    .from(castSplits)
    .where(and(eq(castSplits.spellId, spellId), isNotNull(castSplits.creatorTenantId)));
  return Number(row?.cents ?? 0);
}
