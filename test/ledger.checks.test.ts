import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerAccounts, ledgerJournals, payouts, tenants } from '../src/db/schema.js';
import { checkLedger } from '../src/ledger/checks.js';
import { accountBalance } from '../src/ledger/journal.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

// Billing is off: each cast is booked as `unbilled` (creator pending and platform revenue), which is
// ledger enough to check.
let t: TestApp;
let creator: SignedUp;
let consumer: SignedUp;
beforeEach(async () => {
  t = await buildTestApp();
  creator = await signUp(t.app);
  consumer = await signUp(t.app);
  await publish(t.app, creator, 'priced-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 37 });
  await t.services.db.update(tenants).set({ creatorSharePercent: 55 }).where(eq(tenants.id, creator.user.tenant_id));
  for (const user of [consumer, consumer, creator]) {
    const response = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/priced-echo`, input: 1 } });
    expect(response.statusCode).toBe(200);
  }
});
afterEach(() => t.close());

const pendingAccount = () => and(eq(ledgerAccounts.kind, 'creator_pending'), eq(ledgerAccounts.tenantId, creator.user.tenant_id));

describe('ledger.checks', () => {
  it('finds nothing wrong with a healthy ledger', async () => {
    // floor(37 × 55 %) = 20 per cast by someone else; the creator's own cast earns nothing.
    expect(await accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id })).toBe(40);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('reports a maintained balance that drifted from its entries, and the creator whose earnings it misstates', async () => {
    await t.services.db.update(ledgerAccounts).set({ balanceCents: sql`${ledgerAccounts.balanceCents} + 7` }).where(pendingAccount());
    const [account] = await t.services.db.select().from(ledgerAccounts).where(pendingAccount());
    const found = await checkLedger(t.services.db);
    expect(found).toEqual([
      expect.objectContaining({ check: 'account_balance', subject: account?.id, tenantId: creator.user.tenant_id, expectedCents: 40, foundCents: 47 }),
      expect.objectContaining({ check: 'creator_earnings', subject: creator.user.tenant_id, tenantId: creator.user.tenant_id, expectedCents: 40, foundCents: 47 }),
    ]);
    expect(found.map((mismatch) => mismatch.detail).join('\n')).toMatch(/creator_pending.*47.*40/);
  });

  it('reports an unbalanced journal and ledger (entries written past the database’s own guards)', async () => {
    const [journal] = await t.services.db.select().from(ledgerJournals).where(eq(ledgerJournals.kind, 'cast_settle')).limit(1);
    const [account] = await t.services.db.select().from(ledgerAccounts).where(pendingAccount());
    if (!journal || !account) throw new Error('no ledger to tamper with');
    await t.services.db.transaction(async (tx) => {
      // Only a superuser can switch the append-only and balancing triggers off like this.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into ledger_entries (journal_id, account_id, amount_cents, created_at) values (${journal.id}, ${account.id}, 5, now())`);
    });
    const found = await checkLedger(t.services.db);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'journal_unbalanced', subject: journal.id, expectedCents: 0, foundCents: 5 }),
        expect.objectContaining({ check: 'ledger_unbalanced', subject: null, expectedCents: 0, foundCents: 5 }),
        expect.objectContaining({ check: 'account_balance', subject: account.id, expectedCents: 45, foundCents: 40 }),
      ]),
    );
  });

  it('reports a pending payout whose money never left the creator’s payable balance', async () => {
    await t.services.db
      .insert(payouts)
      .values({ tenantId: creator.user.tenant_id, amountCents: 500, currency: 'usd', stripeAccountId: 'acct_test', status: 'pending' });
    const found = await checkLedger(t.services.db);
    expect(found).toEqual([
      expect.objectContaining({ check: 'creator_earnings', tenantId: creator.user.tenant_id, expectedCents: -500, foundCents: 0 }),
      expect.objectContaining({ check: 'payouts_in_transit', expectedCents: 500, foundCents: 0 }),
    ]);
  });
});
