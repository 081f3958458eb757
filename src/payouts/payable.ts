import { and, asc, eq, gte, lte, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castSplits, creatorPayoutAccounts, ledgerAccounts, payouts, tenants } from '../db/schema.js';

/** A creator the payouts job may pay: Stripe lets their account be paid and nothing of theirs is in flight. */
export interface PayableCreator {
  tenantId: string;
  stripeAccountId: string;
  balanceCents: number;
  /** Their tenant row is gone (the account was deleted): they are still paid what they earned. */
  deleted: boolean;
}

/**
 * Creators with payouts enabled and a payable balance of at least `minimumCents`, without a
 * pending payout (one payout in flight per creator). A negative balance (a refund after a payout)
 * never qualifies: it is netted against later earnings first.
 */
export async function findPayableCreators(db: DbOrTx, minimumCents: number): Promise<PayableCreator[]> {
  const rows = await db
    .select({
      tenantId: creatorPayoutAccounts.tenantId,
      stripeAccountId: creatorPayoutAccounts.stripeAccountId,
      balanceCents: ledgerAccounts.balanceCents,
      tenant: tenants.id,
    })
    .from(creatorPayoutAccounts)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.tenantId, creatorPayoutAccounts.tenantId), eq(ledgerAccounts.kind, 'creator_payable')))
    .leftJoin(tenants, eq(tenants.id, creatorPayoutAccounts.tenantId))
    .where(
      and(
        eq(creatorPayoutAccounts.payoutsEnabled, true),
        gte(ledgerAccounts.balanceCents, Math.max(1, minimumCents)),
        notExists(db.select({ id: payouts.id }).from(payouts).where(and(eq(payouts.tenantId, creatorPayoutAccounts.tenantId), eq(payouts.status, 'pending')))),
      ),
    )
    .orderBy(asc(creatorPayoutAccounts.tenantId));
  return rows.map((row) => ({ tenantId: row.tenantId, stripeAccountId: row.stripeAccountId, balanceCents: Number(row.balanceCents), deleted: row.tenant === null }));
}

/** Pending payouts, oldest first: each may or may not have its Transfer at Stripe. */
export async function findPendingPayouts(db: DbOrTx): Promise<(typeof payouts.$inferSelect)[]> {
  return db.select().from(payouts).where(eq(payouts.status, 'pending')).orderBy(asc(payouts.createdAt));
}

/** For a dry run: what `releaseHeldEarnings` would move to payable now, per creator. */
export async function releasableEarnings(db: DbOrTx, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ tenantId: castSplits.creatorTenantId, cents: sql<string>`sum(${castSplits.creatorCents} - ${castSplits.creatorReversedCents})` })
    .from(castSplits)
    .where(and(eq(castSplits.status, 'held'), lte(castSplits.availableAt, now)))
    .groupBy(castSplits.creatorTenantId);
  return new Map(rows.flatMap((row) => (row.tenantId ? [[row.tenantId, Number(row.cents)] as const] : [])));
}

/** For a dry run: creators with payouts enabled and their payable balance, whatever it is. */
export async function enabledCreatorBalances(db: DbOrTx): Promise<PayableCreator[]> {
  const rows = await db
    .select({
      tenantId: creatorPayoutAccounts.tenantId,
      stripeAccountId: creatorPayoutAccounts.stripeAccountId,
      balanceCents: sql<string>`coalesce(${ledgerAccounts.balanceCents}, 0)`,
      tenant: tenants.id,
      pending: sql<boolean>`exists (select 1 from ${payouts} where ${payouts.tenantId} = ${creatorPayoutAccounts.tenantId} and ${payouts.status} = 'pending')`,
    })
    .from(creatorPayoutAccounts)
    .leftJoin(ledgerAccounts, and(eq(ledgerAccounts.tenantId, creatorPayoutAccounts.tenantId), eq(ledgerAccounts.kind, 'creator_payable')))
    .leftJoin(tenants, eq(tenants.id, creatorPayoutAccounts.tenantId))
    .where(eq(creatorPayoutAccounts.payoutsEnabled, true))
    .orderBy(asc(creatorPayoutAccounts.tenantId));
  return rows
    .filter((row) => !row.pending)
    .map((row) => ({ tenantId: row.tenantId, stripeAccountId: row.stripeAccountId, balanceCents: Number(row.balanceCents), deleted: row.tenant === null }));
}
