import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

/**
 * One thing the ledger does not agree with: what was checked, who it concerns, what was expected
 * and what was found. The reconciliation job writes each as a `ledger_mismatch` audit entry.
 */
export interface LedgerMismatch {
  check: 'journal_unbalanced' | 'ledger_unbalanced' | 'account_balance' | 'creator_earnings' | 'payouts_in_transit' | 'payout_transfer';
  /** A journal, account, tenant or payout id; null for the ledger as a whole. */
  subject: string | null;
  tenantId: string | null;
  expectedCents: number;
  foundCents: number;
  detail: string;
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : ((result as { rows?: Row[] }).rows ?? [])) as Row[];

/**
 * Checks the ledger against itself, in one snapshot (run it in a repeatable-read transaction to
 * be exact under traffic):
 * - every journal's lines, and all the entries there are, sum to zero;
 * - every account's maintained `balance_cents` equals the sum of its entries;
 * - each creator's pending and payable balances equal what their cast splits earned (less what
 *   refunds took back) and, for payable, less the payouts that took money out (pending or paid);
 * - the platform's `payouts_in_transit` holds exactly the payouts still pending.
 */
export async function checkLedger(db: DbOrTx): Promise<LedgerMismatch[]> {
  const found: LedgerMismatch[] = [];
  const unbalanced = rowsOf(
    await db.execute(sql`
      select journal_id, sum(amount_cents)::bigint as total from ledger_entries
      group by journal_id having sum(amount_cents) <> 0 order by journal_id limit 100`),
  );
  for (const row of unbalanced) {
    found.push({
      check: 'journal_unbalanced',
      subject: String(row.journal_id),
      tenantId: null,
      expectedCents: 0,
      foundCents: Number(row.total),
      detail: `journal ${String(row.journal_id)} sums to ${String(row.total)} cents`,
    });
  }
  const [total] = rowsOf(await db.execute(sql`select coalesce(sum(amount_cents), 0)::bigint as total from ledger_entries`));
  if (Number(total?.total ?? 0) !== 0) {
    found.push({
      check: 'ledger_unbalanced',
      subject: null,
      tenantId: null,
      expectedCents: 0,
      foundCents: Number(total?.total),
      detail: `all entries sum to ${String(total?.total)} cents`,
    });
  }
  const drifted = rowsOf(
    await db.execute(sql`
      select a.id, a.kind, a.tenant_id, a.balance_cents, coalesce(e.total, 0)::bigint as total
      from ledger_accounts a
      left join (select account_id, sum(amount_cents) as total from ledger_entries group by account_id) e on e.account_id = a.id
      where a.balance_cents <> coalesce(e.total, 0) order by a.id limit 100`),
  );
  for (const row of drifted) {
    found.push({
      check: 'account_balance',
      subject: String(row.id),
      tenantId: row.tenant_id === null ? null : String(row.tenant_id),
      expectedCents: Number(row.total),
      foundCents: Number(row.balance_cents),
      detail: `account ${String(row.kind)} ${String(row.id)} holds ${String(row.balance_cents)} cents, its entries sum to ${String(row.total)}`,
    });
  }
  const creators = rowsOf(
    await db.execute(sql`
      with earned as (
        select creator_tenant_id as tenant_id,
          sum(creator_cents - creator_reversed_cents) filter (where status <> 'payable') as pending,
          sum(creator_cents - creator_reversed_cents) filter (where status = 'payable') as payable
        from cast_splits where creator_tenant_id is not null group by creator_tenant_id
      ), paid as (
        select tenant_id, sum(amount_cents) as out from payouts where status in ('pending', 'paid') group by tenant_id
      ), balances as (
        select tenant_id,
          sum(balance_cents) filter (where kind = 'creator_pending') as pending,
          sum(balance_cents) filter (where kind = 'creator_payable') as payable
        from ledger_accounts where kind in ('creator_pending', 'creator_payable') group by tenant_id
      )
      select t.tenant_id,
        coalesce(earned.pending, 0)::bigint as expected_pending, coalesce(balances.pending, 0)::bigint as found_pending,
        (coalesce(earned.payable, 0) - coalesce(paid.out, 0))::bigint as expected_payable, coalesce(balances.payable, 0)::bigint as found_payable
      from (select tenant_id from earned union select tenant_id from paid union select tenant_id from balances) t
      left join earned on earned.tenant_id = t.tenant_id
      left join paid on paid.tenant_id = t.tenant_id
      left join balances on balances.tenant_id = t.tenant_id
      where coalesce(earned.pending, 0) <> coalesce(balances.pending, 0)
         or coalesce(earned.payable, 0) - coalesce(paid.out, 0) <> coalesce(balances.payable, 0)
      order by t.tenant_id limit 100`),
  );
  for (const row of creators) {
    const tenantId = String(row.tenant_id);
    for (const side of ['pending', 'payable'] as const) {
      const expected = Number(row[`expected_${side}`]);
      const actual = Number(row[`found_${side}`]);
      if (expected === actual) continue;
      found.push({
        check: 'creator_earnings',
        subject: tenantId,
        tenantId,
        expectedCents: expected,
        foundCents: actual,
        detail: `creator ${tenantId}'s ${side} balance is ${actual} cents, their casts and payouts say ${expected}`,
      });
    }
  }
  const [transit] = rowsOf(
    await db.execute(sql`
      select coalesce((select balance_cents from ledger_accounts where kind = 'payouts_in_transit' and tenant_id is null), 0)::bigint as balance,
        coalesce((select sum(amount_cents) from payouts where status = 'pending'), 0)::bigint as pending`),
  );
  if (Number(transit?.balance ?? 0) !== Number(transit?.pending ?? 0)) {
    found.push({
      check: 'payouts_in_transit',
      subject: null,
      tenantId: null,
      expectedCents: Number(transit?.pending),
      foundCents: Number(transit?.balance),
      detail: `payouts in transit hold ${String(transit?.balance)} cents, the pending payouts add up to ${String(transit?.pending)}`,
    });
  }
  return found;
}
