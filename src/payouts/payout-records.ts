import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { DbOrTx } from '../db/client.js';
import { payouts } from '../db/schema.js';
import { emitPayoutPaid } from '../events/emitters.js';
import { payoutFailed, payoutPaid, payoutReversed, recordPayoutMoney } from '../ledger/payouts.js';
import { accountBalance, lockAccount } from '../ledger/journal.js';

/**
 * A payout's row and its ledger journals move together, in the caller's transaction:
 * `pending` (money in transit, recorded before the Transfer is made) → `paid` (the Transfer
 * exists) → maybe `reversed`; or `pending` → `failed` (Stripe refused it). Each step updates the
 * row only from the state before it, so a step that ran already changes nothing a second time.
 */
export type Payout = typeof payouts.$inferSelect;

const SYSTEM: AuditActor = { type: 'system', id: 'payouts' };

const moneyOf = (payout: Payout, now: Date) => ({ payoutId: payout.id, tenantId: payout.tenantId, amountCents: payout.amountCents, now });

/**
 * Records a payout of the creator's whole payable balance, read under the account's row lock (so a
 * refund or another run cannot change it between reading and recording), when it is at least
 * `minimumCents`. Null when it is not (a negative balance never is).
 */
export async function createPayout(
  tx: DbOrTx,
  payout: { tenantId: string; minimumCents: number; currency: string; stripeAccountId: string; now: Date },
): Promise<Payout | null> {
  const payable = { kind: 'creator_payable' as const, tenantId: payout.tenantId };
  await lockAccount(tx, payable);
  const balance = await accountBalance(tx, payable);
  if (balance <= 0 || balance < payout.minimumCents) return null;
  const [row] = await tx
    .insert(payouts)
    .values({ tenantId: payout.tenantId, amountCents: balance, currency: payout.currency, stripeAccountId: payout.stripeAccountId, createdAt: payout.now })
    .returning();
  if (!row) throw new Error('payout insert returned nothing');
  await recordPayoutMoney(tx, moneyOf(row, payout.now));
  return row;
}

/** Counts one more attempt at the payout's Transfer, before Stripe is called (so an attempt cut short by a crash counts too). */
export async function countAttempt(db: DbOrTx, payoutId: string): Promise<void> {
  await db.update(payouts).set({ attempts: sql`${payouts.attempts} + 1` }).where(eq(payouts.id, payoutId));
}

/** The Transfer exists at Stripe: the payout is paid, its money leaves for `external`, and the creator's endpoints hear `creator.payout_paid`. */
export async function markPayoutPaid(tx: DbOrTx, payout: Payout, transferId: string, now: Date): Promise<boolean> {
  const [paid] = await tx
    .update(payouts)
    .set({ status: 'paid', stripeTransferId: transferId, paidAt: now, finishedAt: now, failureMessage: null })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'pending')))
    .returning();
  if (!paid) return false;
  await payoutPaid(tx, moneyOf(paid, now));
  await writeAudit(tx, {
    action: 'payout_paid',
    actor: SYSTEM,
    tenantId: paid.tenantId,
    target: { type: 'payout', id: paid.id },
    after: { amount_cents: paid.amountCents, currency: paid.currency, stripe_account_id: paid.stripeAccountId, stripe_transfer_id: transferId },
    at: now,
  });
  await emitPayoutPaid(tx, {
    tenantId: paid.tenantId,
    payoutId: paid.id,
    amountCents: paid.amountCents,
    currency: paid.currency,
    stripeTransferId: transferId,
    paidAt: now,
  });
  return true;
}

/** Stripe refused the Transfer: nothing left, the money goes back to the creator's payable balance. */
export async function markPayoutFailed(tx: DbOrTx, payout: Payout, message: string, now: Date): Promise<boolean> {
  const [failed] = await tx
    .update(payouts)
    .set({ status: 'failed', failureMessage: message.slice(0, 1_000), finishedAt: now })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'pending')))
    .returning();
  if (!failed) return false;
  await payoutFailed(tx, moneyOf(failed, now));
  await writeAudit(tx, {
    action: 'payout_failed',
    actor: SYSTEM,
    tenantId: failed.tenantId,
    target: { type: 'payout', id: failed.id },
    after: { amount_cents: failed.amountCents, stripe_account_id: failed.stripeAccountId, failure_message: failed.failureMessage },
    at: now,
  });
  return true;
}

/** A paid Transfer was reversed: the money is back on the creator's payable balance. */
export async function markPayoutReversed(tx: DbOrTx, payout: Payout, actor: AuditActor, now: Date): Promise<boolean> {
  const [reversed] = await tx
    .update(payouts)
    .set({ status: 'reversed', finishedAt: now })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'paid')))
    .returning();
  if (!reversed) return false;
  await payoutReversed(tx, moneyOf(reversed, now));
  await writeAudit(tx, {
    action: 'payout_reversed',
    actor,
    tenantId: reversed.tenantId,
    target: { type: 'payout', id: reversed.id },
    before: { status: 'paid' },
    after: { status: 'reversed', amount_cents: reversed.amountCents, stripe_transfer_id: reversed.stripeTransferId },
    at: now,
  });
  return true;
}
