import { eq, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import { writeAudit } from '../audit/audit-log.js';
import type { EventContext, EventHandler } from '../billing/webhooks.js';
import type { Metrics } from '../metrics/registry.js';
import { payouts } from '../db/schema.js';
import { applyAccountUpdate } from './accounts.js';
import { markPayoutPaid, markPayoutReversed } from './payout-records.js';

/** The Connect event types the Connect endpoint acts on; any other is recorded as `ignored`. */
export const CONNECT_EVENT_TYPES = ['account.updated', 'transfer.reversed'] as const satisfies readonly Stripe.Event.Type[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an applied Connect event did, for the metrics counted once it committed. */
export interface ConnectEffects {
  reversed: number;
}

/** Applies one Connect event in the webhook's transaction; false when it is of no concern. */
export function applyConnectEvent(context: EventContext, effects: ConnectEffects): Promise<boolean> {
  const { event } = context;
  switch (event.type) {
    case 'account.updated':
      return accountUpdated(context, event.data.object);
    case 'transfer.reversed':
      return transferReversed(context, event.data.object, effects);
    default:
      return Promise.resolve(false);
  }
}

/**
 * For the account endpoint: a Transfer is the platform's own object, so Stripe may send its
 * `transfer.reversed` there rather than to the Connect endpoint. Counts reversals as it goes (in
 * the event's transaction, whose only step left is its log row).
 */
export function payoutEventsOnAccountEndpoint(metrics: Metrics): EventHandler {
  return async (context) => {
    if (context.event.type !== 'transfer.reversed') return false;
    const effects: ConnectEffects = { reversed: 0 };
    const handled = await applyConnectEvent(context, effects);
    if (effects.reversed > 0) metrics.payouts.inc({ result: 'reversed' }, effects.reversed);
    return handled;
  };
}

async function accountUpdated(context: EventContext, account: Stripe.Account): Promise<boolean> {
  const { tx, createdAt, now, actor } = context;
  const { applied, before, after } = await applyAccountUpdate(tx, account, createdAt, now);
  if (!applied || !after) return false;
  const changed = !before || before.payoutsEnabled !== after.payoutsEnabled || before.detailsSubmitted !== after.detailsSubmitted;
  if (changed) {
    await writeAudit(tx, {
      action: 'payout_account_updated',
      actor,
      tenantId: after.tenantId,
      target: { type: 'payout_account', id: after.stripeAccountId },
      before: before ? { details_submitted: before.detailsSubmitted, payouts_enabled: before.payoutsEnabled } : null,
      after: { details_submitted: after.detailsSubmitted, payouts_enabled: after.payoutsEnabled },
      at: now,
    });
  }
  return true;
}

/**
 * A payout's Transfer was reversed in full: the payout turns `reversed` and its money goes back to
 * the creator's payable balance. A Transfer the job made but had not recorded yet (it was killed in
 * between) is found by its `payout_id` metadata and recorded as paid first. A partial reversal is
 * left to an operator (the ledger moves whole payouts): it is ignored here and reconciliation shows it.
 */
async function transferReversed(context: EventContext, transfer: Stripe.Transfer, effects: ConnectEffects): Promise<boolean> {
  const { tx, now, actor } = context;
  if (transfer.amount_reversed < transfer.amount) return false;
  const payoutId = transfer.metadata?.payout_id;
  const match = payoutId && UUID.test(payoutId) ? or(eq(payouts.stripeTransferId, transfer.id), eq(payouts.id, payoutId)) : eq(payouts.stripeTransferId, transfer.id);
  const [payout] = await tx.select().from(payouts).where(match).for('update');
  if (!payout) return false;
  if (payout.status === 'pending') await markPayoutPaid(tx, payout, transfer.id, now);
  const [current] = await tx.select().from(payouts).where(eq(payouts.id, payout.id));
  if (!current || current.stripeTransferId !== transfer.id) return false;
  if (await markPayoutReversed(tx, current, actor, now)) effects.reversed += 1;
  return true;
}
