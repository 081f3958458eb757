import { and, gte, inArray } from 'drizzle-orm';
import Stripe from 'stripe';
import type { DbOrTx } from '../db/client.js';
import { payouts } from '../db/schema.js';
import type { LedgerMismatch } from '../ledger/checks.js';
import type { Payout } from './payout-records.js';

/** A Transfer, as far as the comparison needs it. */
type TransferView = Pick<Stripe.Transfer, 'id' | 'amount' | 'amount_reversed' | 'destination' | 'reversed' | 'metadata'>;

const destinationOf = (transfer: TransferView) => (typeof transfer.destination === 'string' ? transfer.destination : (transfer.destination?.id ?? null));

/**
 * Compares our payouts with Stripe's Transfers (made since `since`, or ever), for the
 * reconciliation job. Each disagreement is a `payout_transfer` mismatch:
 * - a paid (or reversed) payout whose Transfer is missing at Stripe, or differs in amount or
 *   destination, or whose reversal one side has and the other does not (a partial one included);
 * - a Transfer whose `metadata.payout_id` names no payout of ours, or a payout that has another
 *   Transfer (it would have been paid twice).
 * Pending payouts are the payouts job's to settle and failed ones have no Transfer: only a Transfer
 * naming them is a mismatch. Billing off: nothing to compare.
 */
export async function comparePayoutsWithStripe(deps: { db: DbOrTx; stripe: Stripe | undefined }, since?: Date): Promise<LedgerMismatch[]> {
  const { db, stripe } = deps;
  if (!stripe) return [];
  const transfers = new Map<string, TransferView>();
  const listing = since ? { limit: 100, created: { gte: Math.floor(since.getTime() / 1000) } } : { limit: 100 };
  for await (const transfer of stripe.transfers.list(listing)) transfers.set(transfer.id, transfer);

  const found: LedgerMismatch[] = [];
  const settled = await db
    .select()
    .from(payouts)
    .where(and(inArray(payouts.status, ['paid', 'reversed']), since ? gte(payouts.createdAt, since) : undefined));
  for (const payout of settled) {
    const transferId = payout.stripeTransferId;
    const transfer = transferId ? (transfers.get(transferId) ?? (await retrieveTransfer(stripe, transferId))) : undefined;
    const problem = describePaidPayout(payout, transfer);
    if (problem) found.push(mismatch(payout.id, payout.tenantId, payout.amountCents, problem.foundCents, problem.detail));
  }

  const named = [...transfers.values()].filter((transfer) => transfer.metadata?.payout_id);
  const ids = [...new Set(named.map((transfer) => transfer.metadata?.payout_id ?? ''))];
  const known = new Map<string, Payout>();
  for (let index = 0; index < ids.length; index += 500) {
    const uuids = ids.slice(index, index + 500).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (uuids.length) for (const payout of await db.select().from(payouts).where(inArray(payouts.id, uuids))) known.set(payout.id, payout);
  }
  for (const transfer of named) {
    const payoutId = transfer.metadata?.payout_id ?? '';
    const payout = known.get(payoutId);
    if (!payout) {
      found.push(mismatch(transfer.id, null, 0, transfer.amount, `transfer ${transfer.id} of ${transfer.amount} cents names payout ${payoutId}, which we do not know`));
    } else if (payout.status !== 'pending' && payout.stripeTransferId !== transfer.id) {
      const detail = `transfer ${transfer.id} of ${transfer.amount} cents names payout ${payout.id} (${payout.status}), whose transfer is ${payout.stripeTransferId ?? 'none'}`;
      found.push(mismatch(transfer.id, payout.tenantId, 0, transfer.amount, detail));
    }
  }
  return found;
}

/** What is wrong with a paid or reversed payout's Transfer, if anything. */
function describePaidPayout(payout: Payout, transfer: TransferView | undefined): { foundCents: number; detail: string } | undefined {
  const what = `payout ${payout.id} (${payout.status}, ${payout.amountCents} cents to ${payout.stripeAccountId})`;
  if (!transfer) return { foundCents: 0, detail: `${what}: its transfer ${payout.stripeTransferId ?? '(none recorded)'} is not at Stripe` };
  if (transfer.amount !== payout.amountCents) return { foundCents: transfer.amount, detail: `${what}: transfer ${transfer.id} is of ${transfer.amount} cents` };
  const destination = destinationOf(transfer);
  if (destination !== payout.stripeAccountId) return { foundCents: transfer.amount, detail: `${what}: transfer ${transfer.id} went to ${destination ?? 'nobody'}` };
  if (transfer.reversed !== (payout.status === 'reversed')) {
    return { foundCents: transfer.amount, detail: `${what}: transfer ${transfer.id} is ${transfer.reversed ? 'reversed' : 'not reversed'} at Stripe` };
  }
  if (payout.status === 'paid' && transfer.amount_reversed > 0) {
    // A partial reversal: the ledger moves whole payouts, so an operator settles the difference.
    return { foundCents: transfer.amount - transfer.amount_reversed, detail: `${what}: transfer ${transfer.id} is partly reversed at Stripe (${transfer.amount_reversed} cents)` };
  }
  return undefined;
}

/** A Transfer older than the listing's window; undefined when Stripe has no such Transfer. */
async function retrieveTransfer(stripe: Stripe, transferId: string): Promise<TransferView | undefined> {
  try {
    return await stripe.transfers.retrieve(transferId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && error.statusCode === 404) return undefined;
    throw error;
  }
}

function mismatch(subject: string, tenantId: string | null, expectedCents: number, foundCents: number, detail: string): LedgerMismatch {
  return { check: 'payout_transfer', subject, tenantId, expectedCents, foundCents, detail };
}
