import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { ledgerAccounts, ledgerEntries, ledgerJournals } from '../../src/db/schema.js';
import type { LedgerAccountKind } from '../../src/db/values.js';

/** The entries of one of a tenant's ledger accounts, oldest first, with their journal's kind. */
export async function entriesOf(db: Database, tenantId: string, kind: LedgerAccountKind = 'consumer_credit') {
  return db
    .select({ kind: ledgerJournals.kind, amountCents: ledgerEntries.amountCents, castId: ledgerJournals.castId })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerAccounts.tenantId, tenantId), eq(ledgerAccounts.kind, kind)))
    .orderBy(asc(ledgerEntries.createdAt));
}

/** The sum of every entry in the ledger (always 0) and how many accounts' balances disagree with their entries (always 0). */
export async function ledgerTotals(db: Database): Promise<{ sum: number; mismatchedBalances: number }> {
  const [total] = await db.select({ sum: sql<string>`coalesce(sum(${ledgerEntries.amountCents}), 0)` }).from(ledgerEntries);
  const [mismatched] = await db
    .select({ count: sql<string>`count(*)` })
    .from(ledgerAccounts)
    .where(
      sql`${ledgerAccounts.balanceCents} <> coalesce((select sum(e.amount_cents) from ${ledgerEntries} e where e.account_id = ${ledgerAccounts.id}), 0)`,
    );
  return { sum: Number(total?.sum ?? 0), mismatchedBalances: Number(mismatched?.count ?? 0) };
}
