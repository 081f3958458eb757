import type { Database } from '../../src/db/client.js';
import { payouts } from '../../src/db/schema.js';
import { payoutPaid, recordPayoutMoney } from '../../src/ledger/payouts.js';
import { eq } from 'drizzle-orm';

/**
 * A payout of `amountCents` from the creator's payable balance, recorded through the ledger's
 * payout functions as the payouts job would, and `paid` unless told otherwise.
 */
export async function recordTestPayout(db: Database, payout: { tenantId: string; amountCents: number; now: Date; paid?: boolean }): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payouts)
      .values({ tenantId: payout.tenantId, amountCents: payout.amountCents, currency: 'usd', stripeAccountId: 'acct_test', createdAt: payout.now })
      .returning({ id: payouts.id });
    if (!row) throw new Error('payout insert returned nothing');
    const money = { payoutId: row.id, tenantId: payout.tenantId, amountCents: payout.amountCents, now: payout.now };
    await recordPayoutMoney(tx, money);
    if (payout.paid !== false) {
      await payoutPaid(tx, money);
      await tx.update(payouts).set({ status: 'paid', stripeTransferId: `tr_${row.id.slice(0, 8)}`, paidAt: payout.now, finishedAt: payout.now }).where(eq(payouts.id, row.id));
    }
    return row.id;
  });
}
