import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { ledgerAccounts, ledgerEntries, ledgerJournals } from '../db/schema.js';
import type { JournalKind, LedgerAccountKind } from '../db/values.js';

/**
 * Posting to the double-entry ledger: every movement is a journal whose lines sum to zero, written
 * with the balances it changes in the caller's transaction. The database refuses an unbalanced
 * journal at commit and any update or delete of entries; this file is the only writer of them.
 */

/** An account: a tenant's own (`consumer_*`, `creator_*`) or the platform's (no tenant). */
export interface AccountRef {
  kind: LedgerAccountKind;
  tenantId?: string | null;
}

export interface JournalLine {
  account: AccountRef;
  cents: number;
}

export interface Journal {
  kind: JournalKind;
  castId?: string | null;
  purchaseId?: string | null;
  payoutId?: string | null;
  tenantId?: string | null;
  memo?: string | null;
  now: Date;
  lines: JournalLine[];
}

/** An account whose balance a journal may not take below zero: the journal is then not posted. */
export interface BalanceGuard {
  account: AccountRef;
  minimumCents: number;
}

export type PostResult =
  | { posted: true; journalId: string; balances: Map<string, number> }
  | { posted: false; reason: 'duplicate' }
  | { posted: false; reason: 'guard'; balanceCents: number };

export const accountKey = (account: AccountRef) => `${account.kind}:${account.tenantId ?? ''}`;

/** The ids of `accounts`, creating those that do not exist yet. */
export async function ensureAccounts(tx: DbOrTx, accounts: AccountRef[]): Promise<Map<string, string>> {
  const wanted = new Map(accounts.map((account) => [accountKey(account), account]));
  const ids = await findAccountIds(tx, [...wanted.values()]);
  const missing = [...wanted.entries()].filter(([key]) => !ids.has(key)).map(([, account]) => account);
  if (missing.length === 0) return ids;
  for (const account of missing) {
    await tx
      .insert(ledgerAccounts)
      .values({ kind: account.kind, tenantId: account.tenantId ?? null })
      .onConflictDoNothing();
  }
  for (const [key, id] of await findAccountIds(tx, missing)) ids.set(key, id);
  return ids;
}

async function findAccountIds(tx: DbOrTx, accounts: AccountRef[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const tenantIds = [...new Set(accounts.map((account) => account.tenantId).filter((id): id is string => Boolean(id)))];
  const platformKinds = [...new Set(accounts.filter((account) => !account.tenantId).map((account) => account.kind))];
  const rows = [
    ...(tenantIds.length
      ? await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, tenantId: ledgerAccounts.tenantId }).from(ledgerAccounts).where(inArray(ledgerAccounts.tenantId, tenantIds))
      : []),
    ...(platformKinds.length
      ? await tx
          .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, tenantId: ledgerAccounts.tenantId })
          .from(ledgerAccounts)
          .where(and(isNull(ledgerAccounts.tenantId), inArray(ledgerAccounts.kind, platformKinds)))
      : []),
  ];
  for (const row of rows) ids.set(accountKey({ kind: row.kind, tenantId: row.tenantId }), row.id);
  return ids;
}

/**
 * Posts a journal once: a journal that may happen once per cast or payout (its unique key) and is
 * already there is a `duplicate`, and nothing changes. Balances are updated in account-id order, so
 * concurrent journals over the same accounts never deadlock; with a `guard`, a journal that would
 * take that account below its minimum is not posted (call inside a transaction, whose rollback the
 * caller decides). Zero lines are dropped; the rest must sum to zero.
 */
export async function postJournal(tx: DbOrTx, journal: Journal, guard?: BalanceGuard): Promise<PostResult> {
  const lines = mergeLines(journal.lines);
  const total = lines.reduce((sum, line) => sum + line.cents, 0);
  if (total !== 0) throw new Error(`journal ${journal.kind} does not balance: its lines sum to ${total}`);
  const ids = await ensureAccounts(tx, [...lines.map((line) => line.account), ...(guard ? [guard.account] : [])]);
  const idOf = (account: AccountRef) => {
    const id = ids.get(accountKey(account));
    if (!id) throw new Error(`ledger account ${accountKey(account)} is missing`);
    return id;
  };
  const [inserted] = await tx
    .insert(ledgerJournals)
    .values({
      kind: journal.kind,
      castId: journal.castId ?? null,
      purchaseId: journal.purchaseId ?? null,
      payoutId: journal.payoutId ?? null,
      tenantId: journal.tenantId ?? null,
      memo: journal.memo ?? null,
      createdAt: journal.now,
    })
    .onConflictDoNothing()
    .returning({ id: ledgerJournals.id });
  if (!inserted) return { posted: false, reason: 'duplicate' };

  const ordered = lines.map((line) => ({ ...line, accountId: idOf(line.account) })).sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  const balances = new Map<string, number>();
  const guardId = guard ? idOf(guard.account) : undefined;
  for (const line of ordered) {
    const [row] = await tx
      .update(ledgerAccounts)
      .set({ balanceCents: sql`${ledgerAccounts.balanceCents} + ${line.cents}` })
      .where(eq(ledgerAccounts.id, line.accountId))
      .returning({ balance: ledgerAccounts.balanceCents });
    const balance = Number(row?.balance ?? 0);
    balances.set(accountKey(line.account), balance);
    if (guard && line.accountId === guardId && balance < guard.minimumCents) {
      return { posted: false, reason: 'guard', balanceCents: balance - line.cents };
    }
  }
  // A journal whose lines all came to zero (a release of shares refunds took back whole) has no entries.
  if (ordered.length > 0) await tx.insert(ledgerEntries).values(ordered.map((line) => ({ journalId: inserted.id, accountId: line.accountId, amountCents: line.cents, createdAt: journal.now })));
  return { posted: true, journalId: inserted.id, balances };
}

/** Lines on the same account added up; zero lines dropped. */
function mergeLines(lines: JournalLine[]): JournalLine[] {
  const merged = new Map<string, JournalLine>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.cents)) throw new Error(`ledger amounts are whole cents: ${line.cents}`);
    const key = accountKey(line.account);
    const existing = merged.get(key);
    merged.set(key, { account: line.account, cents: (existing?.cents ?? 0) + line.cents });
  }
  return [...merged.values()].filter((line) => line.cents !== 0);
}

/** One account's maintained balance (0 for an account that has never moved). */
export async function accountBalance(db: DbOrTx, account: AccountRef): Promise<number> {
  const [row] = await db
    .select({ balance: ledgerAccounts.balanceCents })
    .from(ledgerAccounts)
    .where(
      and(eq(ledgerAccounts.kind, account.kind), account.tenantId ? eq(ledgerAccounts.tenantId, account.tenantId) : isNull(ledgerAccounts.tenantId)),
    );
  return Number(row?.balance ?? 0);
}

/**
 * Locks accounts' rows (creating them first if need be), in account-id order as `postJournal`
 * takes them, for a change that must read something the accounts' movements also change (a
 * purchase's credit draws, a running cast's) before it posts.
 */
export async function lockAccount(tx: DbOrTx, ...accounts: AccountRef[]): Promise<void> {
  const ids = await ensureAccounts(tx, accounts);
  const ordered = accounts.map((account) => ids.get(accountKey(account))).filter((id): id is string => Boolean(id)).sort();
  for (const id of ordered) await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, id)).for('update');
}
