import type Stripe from 'stripe';
import type { DbOrTx } from '../db/client.js';
import { fundInvoicedCasts } from '../ledger/earnings.js';

/**
 * The last moment of usage a paid invoice bills: its `period_end` (for a subscription's renewal,
 * the end of the period just ended, whose metered casts it charges), else the latest end of its
 * lines' periods, else when it was created. `period_end` comes first because the plan's own line
 * is billed in advance: its period runs a month ahead, and casts of that month are not paid yet.
 */
export function usagePeriodEnd(invoice: Stripe.Invoice): Date {
  const lineEnds = (invoice.lines?.data ?? []).map((line) => line.period?.end).filter((end): end is number => typeof end === 'number');
  const seconds = typeof invoice.period_end === 'number' ? invoice.period_end : lineEnds.length > 0 ? Math.max(...lineEnds) : invoice.created;
  return new Date(seconds * 1000);
}

/**
 * A plan's invoice was paid: the tenant's casts metered up to the end of its usage period stop
 * awaiting payment and start their creators' hold (`fundInvoicedCasts`), in the webhook's
 * transaction. A second event for the same invoice (`invoice.paid` and
 * `invoice.payment_succeeded` both arrive) finds nothing left to fund.
 */
export function fundPaidInvoice(tx: DbOrTx, invoice: Stripe.Invoice, tenantId: string, options: { now: Date; holdMs: number }) {
  return fundInvoicedCasts(tx, { tenantId, invoiceId: invoice.id, periodEnd: usagePeriodEnd(invoice), now: options.now, holdMs: options.holdMs });
}
