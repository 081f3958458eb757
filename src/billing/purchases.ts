import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { DbOrTx } from '../db/client.js';
import { purchases } from '../db/schema.js';
import { grantPurchaseCredit } from '../ledger/credit.js';
import { lockAccount } from '../ledger/journal.js';
import { reversePurchaseFunding } from '../ledger/reversals.js';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';

type PurchaseRow = typeof purchases.$inferSelect;

interface Change {
  tx: DbOrTx;
  actor: AuditActor;
  now: Date;
}

/** A Checkout Session's payment that lets its credit be granted. */
const SETTLED = new Set<PurchaseRow['paymentStatus']>(['paid', 'no_payment_required']);

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

/**
 * Records a Checkout Session as a purchase (once per session; later events find the row) and
 * returns it locked, so the events of one purchase apply one after another.
 */
export async function recordPurchase(
  change: Change,
  tenantId: string,
  session: Stripe.Checkout.Session,
  paymentStatus: PurchaseRow['paymentStatus'],
): Promise<{ purchase: PurchaseRow; created: boolean }> {
  const { tx, now } = change;
  const creditsCents = session.mode === 'payment' ? Number(session.metadata?.credits_cents ?? 0) : 0;
  const [inserted] = await tx
    .insert(purchases)
    .values({
      tenantId,
      stripeCheckoutSessionId: session.id,
      mode: session.mode === 'subscription' ? 'subscription' : 'payment',
      priceId: session.metadata?.price_id ?? null,
      amountCents: session.amount_total ?? null,
      currency: session.currency ?? null,
      creditsCents: Number.isInteger(creditsCents) && creditsCents > 0 ? creditsCents : 0,
      paymentStatus,
      stripePaymentIntentId: idOf(session.payment_intent),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { purchase: inserted, created: true };
  const [existing] = await tx.select().from(purchases).where(eq(purchases.stripeCheckoutSessionId, session.id)).for('update');
  if (!existing) throw new Error(`purchase for ${session.id} vanished`);
  return { purchase: existing, created: false };
}

/**
 * Moves a purchase to `paymentStatus`: a payment that settles grants its credit (once: the ledger
 * keeps one grant per purchase), one that fails is recorded. A paid purchase never goes back.
 */
export async function settlePurchasePayment(
  change: Change,
  purchase: PurchaseRow,
  paymentStatus: PurchaseRow['paymentStatus'],
  session: Stripe.Checkout.Session,
  created: boolean,
): Promise<void> {
  const { tx, actor, now } = change;
  const wasSettled = SETTLED.has(purchase.paymentStatus) && !created;
  if (wasSettled) return;
  if (!created) {
    await tx
      .update(purchases)
      .set({ paymentStatus, stripePaymentIntentId: purchase.stripePaymentIntentId ?? idOf(session.payment_intent) })
      .where(eq(purchases.id, purchase.id));
  }
  const target = { type: 'purchase', id: purchase.id };
  if (paymentStatus === 'failed') {
    await writeAudit(tx, { action: 'purchase_payment_failed', actor, tenantId: purchase.tenantId, target, after: { checkout_session: session.id }, at: now });
    return;
  }
  if (!SETTLED.has(paymentStatus) || purchase.mode !== 'payment') return;
  if (purchase.creditsCents > 0) await grantPurchaseCredit(tx, { id: purchase.id, tenantId: purchase.tenantId, creditsCents: purchase.creditsCents, now });
  await writeAudit(tx, {
    action: 'credits_purchased',
    actor,
    tenantId: purchase.tenantId,
    target,
    after: { credits_cents: purchase.creditsCents, amount_cents: purchase.amountCents, checkout_session: session.id },
    at: now,
  });
}

/**
 * Takes credit back from the purchase paid by `paymentIntentId`, up to `reversedCents(purchase)` in
 * all (a partial refund's share, or everything for a lost dispute): only what was not taken back
 * yet, so a second, larger refund of the same charge takes the difference. What it takes comes off
 * the consumer's unspent credit and, for credit already spent, off the creators and the platform
 * that the purchase's casts paid (`reversePurchaseFunding`). False when no credited purchase matches.
 */
export async function reversePurchaseCredit(
  change: Change,
  options: {
    paymentIntentId: string | null;
    kind: 'payment_refund' | 'dispute_lost';
    reversedCents: (purchase: PurchaseRow) => number;
    details: Record<string, unknown>;
  },
): Promise<boolean> {
  const { tx, actor, now } = change;
  if (!options.paymentIntentId) return false;
  const [found] = await tx.select({ tenantId: purchases.tenantId }).from(purchases).where(eq(purchases.stripePaymentIntentId, options.paymentIntentId));
  if (!found) return false;
  // The consumer's credit and in-flight accounts before the purchase: the order a paid cast's charge
  // takes them in; in flight also waits for a cast this purchase paid for that is settling now.
  await lockAccount(tx, { kind: 'consumer_credit', tenantId: found.tenantId }, { kind: 'consumer_in_flight', tenantId: found.tenantId });
  const [purchase] = await tx.select().from(purchases).where(eq(purchases.stripePaymentIntentId, options.paymentIntentId)).for('update');
  if (!purchase || purchase.mode !== 'payment' || !SETTLED.has(purchase.paymentStatus)) return false;
  const target = Math.min(purchase.creditsCents, Math.max(0, options.reversedCents(purchase)));
  const delta = target - purchase.creditsReversedCents;
  if (delta <= 0) return true;
  const taken = await reversePurchaseFunding(tx, { purchase, deltaCents: delta, now });
  await tx
    .update(purchases)
    .set({ creditsReversedCents: sql`${purchases.creditsReversedCents} + ${delta}` })
    .where(eq(purchases.id, purchase.id));
  await writeAudit(tx, {
    action: options.kind === 'payment_refund' ? 'credits_refunded' : 'credits_dispute_lost',
    actor,
    tenantId: purchase.tenantId,
    target: { type: 'purchase', id: purchase.id },
    before: { credits_reversed_cents: purchase.creditsReversedCents },
    after: {
      credits_reversed_cents: target,
      taken_back_cents: delta,
      from_credit_cents: taken.fromCreditCents,
      from_casts_cents: taken.fromCastsCents,
      ...options.details,
    },
    at: now,
  });
  return true;
}

/** The share of a purchase's credit a refund of `refundedCents` of `amountCents` takes back, rounded down. */
export function refundShare(creditsCents: number, refundedCents: number, amountCents: number, fullyRefunded: boolean): number {
  if (fullyRefunded || refundedCents >= amountCents) return creditsCents;
  if (amountCents <= 0 || refundedCents <= 0) return 0;
  return Math.floor((creditsCents * refundedCents) / amountCents);
}
