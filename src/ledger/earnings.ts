import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castSplits } from '../db/schema.js';
import { postJournal } from './journal.js';

/**
 * Makes held earnings payable once their hold (`PAYOUT_HOLD_DAYS`) has passed: per creator, one
 * journal from pending to payable of what is left of those casts' shares after refunds. Safe to run
 * anywhere at once: each split is claimed by one UPDATE. Returns the cents released per creator.
 */
export async function releaseHeldEarnings(db: DbOrTx, now: Date): Promise<Map<string, number>> {
  return db.transaction(async (tx) => {
    const released = await tx
      .update(castSplits)
      .set({ status: 'payable' })
      .where(and(eq(castSplits.status, 'held'), lte(castSplits.availableAt, now)))
      .returning({ creatorTenantId: castSplits.creatorTenantId, cents: sql<number>`${castSplits.creatorCents} - ${castSplits.creatorReversedCents}` });
    const byCreator = new Map<string, number>();
    for (const row of released) {
      if (!row.creatorTenantId) continue;
      byCreator.set(row.creatorTenantId, (byCreator.get(row.creatorTenantId) ?? 0) + Number(row.cents));
    }
    for (const [tenantId, cents] of [...byCreator.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // Shares of a cent's cast (rounded down to 0) or taken back whole by refunds move no money.
      if (cents === 0) continue;
      await postJournal(tx, {
        kind: 'earnings_release',
        tenantId,
        now,
        lines: [
          { account: { kind: 'creator_pending', tenantId }, cents: -cents },
          { account: { kind: 'creator_payable', tenantId }, cents },
        ],
      });
    }
    return byCreator;
  });
}

/**
 * A plan's invoice was paid: the casts it metered (the consumer's `awaiting_payment` splits up to
 * the end of the invoice's period) are funded, their creators' shares start their hold, and the
 * consumer's receivable is settled from `external`.
 */
export async function fundInvoicedCasts(
  tx: DbOrTx,
  invoice: { tenantId: string; invoiceId: string; periodEnd: Date; now: Date; holdMs: number },
): Promise<{ casts: number; cents: number }> {
  const funded = await tx
    .update(castSplits)
    .set({ status: 'held', invoiceId: invoice.invoiceId, availableAt: new Date(invoice.now.getTime() + invoice.holdMs) })
    .where(and(eq(castSplits.consumerTenantId, invoice.tenantId), eq(castSplits.status, 'awaiting_payment'), lte(castSplits.createdAt, invoice.periodEnd)))
    .returning({ priceCents: castSplits.priceCents });
  const cents = funded.reduce((sum, row) => sum + row.priceCents, 0);
  if (cents > 0) {
    await postJournal(tx, {
      kind: 'invoice_funding',
      tenantId: invoice.tenantId,
      memo: invoice.invoiceId,
      now: invoice.now,
      lines: [
        { account: { kind: 'external' }, cents: -cents },
        { account: { kind: 'consumer_receivable', tenantId: invoice.tenantId }, cents },
      ],
    });
  }
  return { casts: funded.length, cents };
}
