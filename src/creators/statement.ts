import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { after, newestFirst, type Position } from '../db/paging.js';
import { castSplits, payouts, spells, tenants } from '../db/schema.js';

export type PayoutRow = typeof payouts.$inferSelect;

/** Payouts (one creator's, or everyone's), newest first, after `before`. */
export function listPayouts(db: DbOrTx, filter: { tenantId?: string | undefined; status?: PayoutRow['status'] | undefined; before?: Position | undefined; limit: number }): Promise<PayoutRow[]> {
  // A database default keeps microseconds, cursors carry milliseconds: sort and compare on the millisecond.
  const createdMs = sql<Date>`date_trunc('milliseconds', ${payouts.createdAt})`;
  return db
    .select()
    .from(payouts)
    .where(
      and(
        filter.tenantId === undefined ? undefined : eq(payouts.tenantId, filter.tenantId),
        filter.status === undefined ? undefined : eq(payouts.status, filter.status),
        after(createdMs, payouts.id, filter.before),
      ),
    )
    .orderBy(...newestFirst(createdMs, payouts.id))
    .limit(filter.limit);
}

/** The columns of a monthly statement, in order; the CSV's header row. */
export const STATEMENT_COLUMNS = [
  'line',
  'date',
  'spell',
  'casts',
  'gross_cents',
  'share_percent',
  'earned_cents',
  'refunded_cents',
  'net_cents',
  'payout_id',
  'payout_status',
  'payout_cents',
  'currency',
] as const;

type StatementLine = Partial<Record<(typeof STATEMENT_COLUMNS)[number], string | number | null>>;

/** A month, `YYYY-MM`, as its UTC start (inclusive) and end (exclusive). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, index] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(year ?? 0, (index ?? 1) - 1, 1)), to: new Date(Date.UTC(year ?? 0, index ?? 1, 1)) };
}

/**
 * A creator's statement for one month: one `earning` line per UTC day, spell and share (the casts
 * of the creator's spells by others that settled that day: their gross price, the share, what it
 * earned, what refunds and disputes later took back, and the net), then one `payout` line per
 * payout made that month, then a `total` line (payouts: those Stripe paid).
 */
export async function buildStatement(db: DbOrTx, tenantId: string, month: string, currency: string): Promise<StatementLine[]> {
  const range = monthRange(month);
  const day = sql<string>`to_char(${castSplits.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const earnings = await db
    .select({
      day,
      owner: tenants.handle,
      name: spells.name,
      share: castSplits.sharePercent,
      casts: sql<string>`count(*)`,
      gross: sql<string>`sum(${castSplits.priceCents})`,
      earned: sql<string>`sum(${castSplits.creatorCents})`,
      refunded: sql<string>`sum(${castSplits.creatorReversedCents})`,
    })
    .from(castSplits)
    .innerJoin(spells, eq(spells.id, castSplits.spellId))
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(and(eq(castSplits.creatorTenantId, tenantId), gte(castSplits.createdAt, range.from), lt(castSplits.createdAt, range.to)))
    .groupBy(day, tenants.handle, spells.name, castSplits.sharePercent)
    .orderBy(asc(day), tenants.handle, spells.name, castSplits.sharePercent);
  const paid = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.tenantId, tenantId), gte(payouts.createdAt, range.from), lt(payouts.createdAt, range.to)))
    .orderBy(asc(payouts.createdAt), asc(payouts.id));

  const total = { casts: 0, gross: 0, earned: 0, refunded: 0, paid: 0 };
  const lines: StatementLine[] = earnings.map((row) => {
    const [casts, gross, earned, refunded] = [row.casts, row.gross, row.earned, row.refunded].map(Number) as [number, number, number, number];
    total.casts += casts;
    total.gross += gross;
    total.earned += earned;
    total.refunded += refunded;
    return {
      line: 'earning',
      date: row.day,
      spell: `${row.owner}/${row.name}`,
      casts,
      gross_cents: gross,
      share_percent: row.share,
      earned_cents: earned,
      refunded_cents: refunded,
      net_cents: earned - refunded,
      currency,
    };
  });
  for (const payout of paid) {
    if (payout.status === 'paid') total.paid += payout.amountCents;
    lines.push({
      line: 'payout',
      date: payout.createdAt.toISOString().slice(0, 10),
      payout_id: payout.id,
      payout_status: payout.status,
      payout_cents: payout.amountCents,
      currency: payout.currency,
    });
  }
  lines.push({
    line: 'total',
    date: month,
    casts: total.casts,
    gross_cents: total.gross,
    earned_cents: total.earned,
    refunded_cents: total.refunded,
    net_cents: total.earned - total.refunded,
    payout_cents: total.paid,
    currency,
  });
  return lines;
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function statementCsv(lines: StatementLine[]): string {
  const rows = [STATEMENT_COLUMNS.join(','), ...lines.map((line) => STATEMENT_COLUMNS.map((column) => csvField(line[column])).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}
