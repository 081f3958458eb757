import { z } from 'zod';
import { PAYOUT_STATUSES } from '../db/values.js';
import type { PayoutRow } from './statement.js';

/** A payout as creators and operators see it. */
export const payoutSchema = z
  .object({
    id: z.uuid(),
    amount_cents: z.number().int(),
    currency: z.string(),
    status: z.enum(PAYOUT_STATUSES).describe('`pending` (the Transfer is on its way), `paid`, `failed` or `reversed` (the money went back to the payable balance)'),
    stripe_transfer_id: z.string().nullable(),
    failure_message: z.string().nullable(),
    created_at: z.string(),
    paid_at: z.string().nullable(),
  })
  .meta({ id: 'Payout' });

export function viewPayout(row: PayoutRow): z.infer<typeof payoutSchema> {
  return {
    id: row.id,
    amount_cents: row.amountCents,
    currency: row.currency,
    status: row.status,
    stripe_transfer_id: row.stripeTransferId,
    failure_message: row.failureMessage,
    created_at: row.createdAt.toISOString(),
    paid_at: row.paidAt?.toISOString() ?? null,
  };
}
