import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castSplits, creditDraws } from '../db/schema.js';
import { postJournal, type AccountRef, type JournalLine } from './journal.js';
import { apportion } from './shares.js';

export interface PurchaseReversal {
  purchase: { id: string; tenantId: string; creditsCents: number; creditsReversedCents: number; creditsDrawnCents: number };
  /** Credit newly taken back (a refund's or a lost dispute's share not taken back before). */
  deltaCents: number;
  now: Date;
}

/**
 * Takes back what a refunded or disputed purchase funded. The rule: its credit not yet spent comes
 * off the consumer's credit first; what was spent is taken back from the casts that purchase paid
 * for (its `credit_draws`), in proportion to what each drew from it, and each cast's part from its
 * creator and the platform in proportion to their shares of that cast (whole cents, largest
 * remainder). A creator's balance may go negative: it is netted against later earnings and never
 * paid out while negative. A cast it paid for that is still running gives its part back from the
 * consumer's in-flight charge (a negative `credit_draws` row records it): the cast then settles on
 * what is left (`settleCastMoney`) or, failing, gives back only that (`refundCastCredit`). Call with
 * the consumer's credit and in-flight accounts locked (`lockAccount`), so a cast settling now is
 * either settled or still running here. Anything left (none, as the draws add up) comes off credit.
 */
export async function reversePurchaseFunding(tx: DbOrTx, reversal: PurchaseReversal): Promise<{ fromCreditCents: number; fromCastsCents: number }> {
  const { purchase, deltaCents, now } = reversal;
  const unspent = Math.max(0, purchase.creditsCents - purchase.creditsReversedCents - purchase.creditsDrawnCents);
  let fromCredit = Math.min(deltaCents, unspent);
  const spent = deltaCents - fromCredit;
  const lines: JournalLine[] = [];
  let fromCasts = 0;
  if (spent > 0) {
    const draws = await tx
      .select({ castId: creditDraws.castId, cents: sql<number>`sum(${creditDraws.cents})::int` })
      .from(creditDraws)
      .where(eq(creditDraws.purchaseId, purchase.id))
      .groupBy(creditDraws.castId);
    const splits = draws.length
      ? await tx.select().from(castSplits).where(inArray(castSplits.castId, draws.map((draw) => draw.castId))).for('update')
      : [];
    const byCast = new Map(splits.map((split) => [split.castId, split]));
    const settled = draws.filter((draw) => byCast.has(draw.castId));
    const drawnSettled = settled.reduce((sum, draw) => sum + Number(draw.cents), 0);
    const placed = Math.min(spent, drawnSettled);
    const parts = apportion(placed, settled.map((draw) => Number(draw.cents)));
    for (const [index, draw] of settled.entries()) {
      const split = byCast.get(draw.castId);
      const part = parts[index] ?? 0;
      if (!split || part === 0) continue;
      const creatorLeft = split.creatorCents - split.creatorReversedCents;
      const platformLeft = split.platformCents - split.platformReversedCents;
      const [creatorPart = 0, platformPart = 0] = apportion(Math.min(part, creatorLeft + platformLeft), [creatorLeft, platformLeft]);
      if (creatorPart > 0 && split.creatorTenantId) lines.push({ account: creatorAccount(split.status, split.creatorTenantId), cents: -creatorPart });
      if (platformPart > 0) lines.push({ account: { kind: 'platform_revenue' }, cents: -platformPart });
      fromCasts += creatorPart + platformPart;
      await tx
        .update(castSplits)
        .set({
          creatorReversedCents: sql`${castSplits.creatorReversedCents} + ${creatorPart}`,
          platformReversedCents: sql`${castSplits.platformReversedCents} + ${platformPart}`,
        })
        .where(and(eq(castSplits.castId, split.castId)));
    }
    fromCasts += await reverseRunningCasts(tx, reversal, draws.filter((draw) => !byCast.has(draw.castId) && Number(draw.cents) > 0), spent - fromCasts, lines);
    fromCredit += spent - fromCasts;
  }
  if (fromCredit > 0) lines.push({ account: { kind: 'consumer_credit', tenantId: purchase.tenantId }, cents: -fromCredit });
  lines.push({ account: { kind: 'external' }, cents: fromCredit + fromCasts });
  await postJournal(tx, { kind: fromCasts > 0 ? 'earnings_reversal' : 'credit_reversal', purchaseId: purchase.id, tenantId: purchase.tenantId, now, lines });
  return { fromCreditCents: fromCredit, fromCastsCents: fromCasts };
}

/**
 * The part of a reversal that falls on casts still running: each gives back its part of `cents`
 * (in proportion to what it drew from the purchase) from the consumer's in-flight account, recorded
 * as a negative draw of the purchase. Returns the cents placed.
 */
async function reverseRunningCasts(tx: DbOrTx, reversal: PurchaseReversal, running: { castId: string; cents: number }[], cents: number, lines: JournalLine[]): Promise<number> {
  const drawn = running.reduce((sum, draw) => sum + Number(draw.cents), 0);
  const parts = apportion(Math.min(cents, drawn), running.map((draw) => Number(draw.cents)));
  let placed = 0;
  for (const [index, draw] of running.entries()) {
    const part = parts[index] ?? 0;
    if (part === 0) continue;
    await tx.insert(creditDraws).values({ castId: draw.castId, purchaseId: reversal.purchase.id, cents: -part, createdAt: reversal.now });
    placed += part;
  }
  if (placed > 0) lines.push({ account: { kind: 'consumer_in_flight', tenantId: reversal.purchase.tenantId }, cents: -placed });
  return placed;
}

/** A split's creator share sits in pending until released, then in payable. */
function creatorAccount(status: string, tenantId: string): AccountRef {
  return { kind: status === 'payable' ? 'creator_payable' : 'creator_pending', tenantId };
}
