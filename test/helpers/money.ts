import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { refundShare, reversePurchaseCredit } from '../../src/billing/purchases.js';
import type { Database } from '../../src/db/client.js';
import { castSplits, ledgerEntries, payouts, purchases } from '../../src/db/schema.js';
import { settleCastMoney, type MoneyRules } from '../../src/ledger/cast-money.js';
import { chargeCastCredit, grantPurchaseCredit, refundCastCredit } from '../../src/ledger/credit.js';
import { payoutFailed, payoutPaid, payoutReversed, recordPayoutMoney } from '../../src/ledger/payouts.js';
import type { CastFunding } from '../../src/db/values.js';

/**
 * Money moved through the ledger's own functions (and the webhook's refund path), without HTTP or
 * Stripe: what the cast lifecycle, the Stripe webhooks and the payouts job do, step by step.
 */

export const RULES: MoneyRules = { creatorSharePercent: 80, payoutHoldMs: 7 * 86_400_000 };

export type Purchase = typeof purchases.$inferSelect;

/** A paid credit pack: the purchase as the Checkout webhook records it, and its credit granted. */
export async function buyCredit(db: Database, tenantId: string, cents: number, now: Date): Promise<Purchase> {
  return db.transaction(async (tx) => {
    const [purchase] = await tx
      .insert(purchases)
      .values({
        tenantId,
        stripeCheckoutSessionId: `cs_${randomUUID()}`,
        mode: 'payment',
        amountCents: cents,
        currency: 'usd',
        creditsCents: cents,
        paymentStatus: 'paid',
        stripePaymentIntentId: `pi_${randomUUID()}`,
        createdAt: now,
      })
      .returning();
    if (!purchase) throw new Error('no purchase');
    await grantPurchaseCredit(tx, { id: purchase.id, tenantId, creditsCents: cents, now });
    return purchase;
  });
}

class Refused extends Error {}

/** A paid cast starts: charged to credit (refused when it does not cover the price) or, for a plan, nothing yet. */
export async function startPaidCast(db: Database, cast: { tenantId: string; priceCents: number; funding: CastFunding; now: Date }): Promise<string | null> {
  const castId = randomUUID();
  if (cast.priceCents <= 0 || cast.funding !== 'credits') return castId;
  try {
    await db.transaction(async (tx) => {
      const charged = await chargeCastCredit(tx, { tenantId: cast.tenantId, castId, priceCents: cast.priceCents, now: cast.now });
      if (!charged.ok) throw new Refused();
    });
    return castId;
  } catch (error) {
    if (error instanceof Refused) return null;
    throw error;
  }
}

/** A started cast settles: succeeded, its price is split; failed, its charge comes back. Returns the creator's cents. */
export async function settlePaidCast(
  db: Database,
  cast: { castId: string; tenantId: string; spellId: string; priceCents: number; funding: CastFunding; succeeded: boolean; now: Date },
  rules: MoneyRules = RULES,
): Promise<number> {
  return db.transaction(async (tx) => {
    if (cast.succeeded) {
      return settleCastMoney(tx, { castId: cast.castId, consumerTenantId: cast.tenantId, spellId: cast.spellId, priceCents: cast.priceCents, funding: cast.funding, now: cast.now }, rules);
    }
    if (cast.funding === 'credits') await refundCastCredit(tx, { castId: cast.castId, tenantId: cast.tenantId, priceCents: cast.priceCents, now: cast.now });
    return 0;
  });
}

/** A refund of `refundedCents` in all of the purchase's payment (or a lost dispute), through the webhook's own function. */
export async function refundPurchase(db: Database, purchase: Purchase, reversal: { refundedCents: number } | 'dispute_lost', now: Date): Promise<void> {
  await db.transaction((tx) =>
    reversePurchaseCredit(
      { tx, actor: { type: 'stripe', id: `evt_${randomUUID()}` }, now },
      reversal === 'dispute_lost'
        ? { paymentIntentId: purchase.stripePaymentIntentId, kind: 'dispute_lost', reversedCents: (row) => row.creditsCents, details: {} }
        : {
            paymentIntentId: purchase.stripePaymentIntentId,
            kind: 'payment_refund',
            reversedCents: (row) => refundShare(row.creditsCents, reversal.refundedCents, row.amountCents ?? 0, reversal.refundedCents >= (row.amountCents ?? 0)),
            details: {},
          },
    ),
  );
}

export type Payout = typeof payouts.$inferSelect;

/** A payout recorded with its money, as the payouts job does before it asks Stripe (throws `PayoutExceedsPayableError` when the payable does not cover it, and then records nothing). */
export async function recordPayout(db: Database, tenantId: string, amountCents: number, now: Date): Promise<Payout> {
  return db.transaction(async (tx) => {
    const [payout] = await tx.insert(payouts).values({ tenantId, amountCents, currency: 'usd', stripeAccountId: 'acct_test', status: 'pending', createdAt: now }).returning();
    if (!payout) throw new Error('no payout');
    await recordPayoutMoney(tx, { payoutId: payout.id, tenantId, amountCents, now });
    return payout;
  });
}

/** The Transfer's outcome: paid or failed for a pending payout, reversed for a paid one. */
export async function finishPayout(db: Database, payout: Payout, outcome: 'paid' | 'failed' | 'reversed', now: Date): Promise<void> {
  const money = { payoutId: payout.id, tenantId: payout.tenantId, amountCents: payout.amountCents, now };
  await db.transaction(async (tx) => {
    if (outcome === 'paid') await payoutPaid(tx, money);
    if (outcome === 'failed') await payoutFailed(tx, money);
    if (outcome === 'reversed') await payoutReversed(tx, money);
    await tx.update(payouts).set({ status: outcome, finishedAt: now, ...(outcome === 'paid' && { paidAt: now }) }).where(eq(payouts.id, payout.id));
  });
}

/** Journals whose entries do not sum to zero (always none) and splits whose two shares are not the price (always none). */
export async function brokenJournalsAndSplits(db: Database): Promise<{ journals: number; splits: number }> {
  const journals = await db
    .select({ journalId: ledgerEntries.journalId })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.journalId)
    .having(sql`sum(${ledgerEntries.amountCents}) <> 0`);
  const splits = await db
    .select({ castId: castSplits.castId })
    .from(castSplits)
    .where(sql`${castSplits.creatorCents} + ${castSplits.platformCents} <> ${castSplits.priceCents} or ${castSplits.creatorCents} < 0 or ${castSplits.platformCents} < 0`);
  return { journals: journals.length, splits: splits.length };
}
