import { and, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { after, containing, newestFirst, type Position } from '../db/paging.js';
import { creatorPayoutAccounts, ledgerAccounts, payouts, tenants } from '../db/schema.js';

export interface CreatorSummary {
  tenant: typeof tenants.$inferSelect;
  pendingCents: number;
  payableCents: number;
  inTransitCents: number;
  paidOutCents: number;
  payoutsEnabled: boolean | null;
}

/**
 * Creators for operators, newest tenant first: every tenant that owns a spell, has creator
 * balances or a share override; `q` matches its name or handle.
 */
export async function searchCreators(db: DbOrTx, filter: { q?: string | undefined; before?: Position | undefined; limit: number }): Promise<CreatorSummary[]> {
  const createdMs = sql<Date>`date_trunc('milliseconds', ${tenants.createdAt})`;
  const pattern = filter.q ? containing(filter.q) : undefined;
  const conditions: (SQL | undefined)[] = [
    or(
      sql`${tenants.creatorSharePercent} is not null`,
      sql`exists (select 1 from "spells" where "spells"."tenant_id" = "tenants"."id")`,
      sql`exists (select 1 from "ledger_accounts" where "ledger_accounts"."tenant_id" = "tenants"."id" and "ledger_accounts"."kind" in ('creator_pending', 'creator_payable'))`,
    ),
    pattern ? or(ilike(tenants.name, pattern), ilike(tenants.handle, pattern)) : undefined,
    after(createdMs, tenants.id, filter.before),
  ];
  const rows = await db
    .select()
    .from(tenants)
    .where(and(...conditions))
    .orderBy(...newestFirst(createdMs, tenants.id))
    .limit(filter.limit);
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [balances, paid, accounts] = await Promise.all([
    db
      .select({ tenantId: ledgerAccounts.tenantId, kind: ledgerAccounts.kind, balance: ledgerAccounts.balanceCents })
      .from(ledgerAccounts)
      .where(and(inArray(ledgerAccounts.tenantId, ids), inArray(ledgerAccounts.kind, ['creator_pending', 'creator_payable']))),
    db
      .select({
        tenantId: payouts.tenantId,
        paid: sql<string>`coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} = 'paid'), 0)`,
        pending: sql<string>`coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} = 'pending'), 0)`,
      })
      .from(payouts)
      .where(inArray(payouts.tenantId, ids))
      .groupBy(payouts.tenantId),
    db.select({ tenantId: creatorPayoutAccounts.tenantId, enabled: creatorPayoutAccounts.payoutsEnabled }).from(creatorPayoutAccounts).where(inArray(creatorPayoutAccounts.tenantId, ids)),
  ]);
  const balanceOf = (tenantId: string, kind: string) => Number(balances.find((row) => row.tenantId === tenantId && row.kind === kind)?.balance ?? 0);
  return rows.map((tenant) => {
    const payout = paid.find((row) => row.tenantId === tenant.id);
    return {
      tenant,
      pendingCents: balanceOf(tenant.id, 'creator_pending'),
      payableCents: balanceOf(tenant.id, 'creator_payable'),
      inTransitCents: Number(payout?.pending ?? 0),
      paidOutCents: Number(payout?.paid ?? 0),
      payoutsEnabled: accounts.find((row) => row.tenantId === tenant.id)?.enabled ?? null,
    };
  });
}

/** Tenants' handles by id (a payout's creator, for operators). */
export async function handlesOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: tenants.id, handle: tenants.handle }).from(tenants).where(inArray(tenants.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.handle]));
}
