import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Database } from '../db/client.js';
import { payouts } from '../db/schema.js';
import { countAttempt, markPayoutFailed, markPayoutPaid, type Payout } from './payout-records.js';

/** What became of one pending payout's Transfer. */
export type TransferOutcome =
  | { result: 'paid'; payout: Payout; transferId: string; recovered: boolean }
  | { result: 'failed'; payout: Payout; message: string }
  /** Stripe could not be reached or had trouble: the payout stays pending for the next run. */
  | { result: 'pending'; payout: Payout; message: string }
  /** It is no longer pending: another run recorded its outcome. */
  | { result: 'skipped' };

/** The idempotency key of a payout's Transfer: derived from our record, the same on every attempt. */
export const transferKey = (payoutId: string) => `payout-${payoutId}`;

/**
 * Makes (or finds) the Transfer of one pending payout and records its outcome. A payout that was
 * pending before this run may have a Transfer that Stripe made while we never heard the answer (we
 * were killed, the network dropped): Stripe's idempotency key only lasts 24 hours, so it is looked
 * up by `transfer_group` (the payout id) first, and only made again, with the same key, when there
 * is none. No database transaction stays open while Stripe is called: two runs working on the same
 * payout at once send the same idempotency key and get the same Transfer, and only the first to
 * record an outcome changes the payout (each step moves it only from `pending`). A refusal fails
 * the payout and gives the money back; anything else leaves it pending.
 */
export async function settlePayout(
  db: Database,
  stripe: Stripe,
  target: { payoutId: string; /** Made by this run a moment ago: no earlier attempt can have reached Stripe. */ fresh: boolean },
  now: () => Date,
): Promise<TransferOutcome> {
  const [payout] = await db.select().from(payouts).where(and(eq(payouts.id, target.payoutId), eq(payouts.status, 'pending')));
  if (!payout) return { result: 'skipped' };
  await countAttempt(db, payout.id);
  const paid = async (transferId: string, recovered: boolean): Promise<TransferOutcome> =>
    (await db.transaction((tx) => markPayoutPaid(tx, payout, transferId, now()))) ? { result: 'paid', payout, transferId, recovered } : { result: 'skipped' };
  if (!target.fresh) {
    let existing: Stripe.Transfer | undefined;
    try {
      existing = await findTransfer(stripe, payout);
    } catch (error) {
      return { result: 'pending', payout, message: `could not list its Transfers: ${messageOf(error)}` };
    }
    if (existing) return paid(existing.id, true);
  }
  let transfer: Stripe.Transfer;
  try {
    transfer = await stripe.transfers.create(
      {
        amount: payout.amountCents,
        currency: payout.currency,
        destination: payout.stripeAccountId,
        transfer_group: payout.id,
        metadata: { payout_id: payout.id, tenant_id: payout.tenantId },
      },
      { idempotencyKey: transferKey(payout.id) },
    );
  } catch (error) {
    const message = messageOf(error);
    if (!isRefusal(error)) return { result: 'pending', payout, message };
    const failed = await db.transaction((tx) => markPayoutFailed(tx, payout, message, now()));
    return failed ? { result: 'failed', payout, message } : { result: 'skipped' };
  }
  return paid(transfer.id, false);
}

/** The payout's Transfer at Stripe, if Stripe made one: by `transfer_group`, checked against our metadata. */
async function findTransfer(stripe: Stripe, payout: Payout): Promise<Stripe.Transfer | undefined> {
  const listed = await stripe.transfers.list({ transfer_group: payout.id, limit: 10 });
  return listed.data.find((transfer) => transfer.metadata?.payout_id === payout.id && transfer.destination === payout.stripeAccountId) ?? listed.data[0];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Stripe looked at the Transfer and said no (an account that cannot be paid, a bad amount): trying
 * again will not help. Not a refusal: our own credentials refused (401, 403), conflicts and rate
 * limits (409, 429, which the SDK retried) and 5xx or no answer at all.
 */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  return error.statusCode === 400 || error.statusCode === 402 || error.statusCode === 404;
}
