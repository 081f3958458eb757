import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { castSplits, payouts } from '../../src/db/schema.js';
import { postJournal } from '../../src/ledger/journal.js';
import { payoutPaid, recordPayoutMoney } from '../../src/ledger/payouts.js';
import type { StripeStandIn } from '../stand-ins/stripe.js';
import { signUp, type SignedUp } from './users.js';

/**
 * A creator's earning as a settled cast leaves it: a cast split held until `availableAt` and its
 * price in the creator's pending balance (paid from `external`, standing in for a consumer's
 * credit). `releaseHeldEarnings` (the payouts job's first step) makes it payable.
 */
export async function earn(db: Database, creatorTenantId: string, cents: number, availableAt = new Date(Date.now() - 60_000)): Promise<string> {
  const castId = randomUUID();
  await db.transaction(async (tx) => {
    await postJournal(tx, {
      kind: 'cast_settle',
      castId,
      tenantId: creatorTenantId,
      now: new Date(),
      lines: [
        { account: { kind: 'external' }, cents: -cents },
        { account: { kind: 'creator_pending', tenantId: creatorTenantId }, cents },
      ],
    });
    await tx.insert(castSplits).values({
      castId,
      consumerTenantId: randomUUID(),
      creatorTenantId,
      spellId: randomUUID(),
      priceCents: cents,
      creatorCents: cents,
      platformCents: 0,
      sharePercent: 100,
      funding: 'credits',
      status: 'held',
      availableAt,
    });
  });
  return castId;
}

/** A refund that takes `cents` of a payable earning back from its creator (the balance may go negative). */
export async function refundEarning(db: Database, castId: string, cents: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [split] = await tx.select().from(castSplits).where(eq(castSplits.castId, castId));
    if (!split?.creatorTenantId || split.status !== 'payable') throw new Error(`no payable split ${castId}`);
    await tx.update(castSplits).set({ creatorReversedCents: sql`${castSplits.creatorReversedCents} + ${cents}` }).where(eq(castSplits.castId, castId));
    await postJournal(tx, {
      kind: 'earnings_reversal',
      tenantId: split.consumerTenantId,
      now: new Date(),
      lines: [
        { account: { kind: 'creator_payable', tenantId: split.creatorTenantId }, cents: -cents },
        { account: { kind: 'external' }, cents },
      ],
    });
  });
}

/** A creator who went through Connect onboarding (the stand-in's account is then payable). */
export async function onboardedCreator(app: App, stripe: StripeStandIn): Promise<SignedUp & { accountId: string }> {
  const creator = await signUp(app);
  const response = await app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', headers: creator.headers });
  if (response.statusCode !== 200) throw new Error(`onboarding failed: ${response.statusCode} ${response.body}`);
  const account = [...stripe.connect.accounts.values()].find((row) => (row.metadata as { tenant_id?: string }).tenant_id === creator.user.tenant_id);
  if (!account) throw new Error('the stand-in has no account for the creator');
  await stripe.completeOnboarding(account.id);
  return { ...creator, accountId: account.id };
}

export async function payoutsOf(db: Database, tenantId: string) {
  return db.select().from(payouts).where(eq(payouts.tenantId, tenantId));
}

/** The stand-in's Transfers to one connected account. */
export function transfersTo(stripe: StripeStandIn, accountId: string) {
  return [...stripe.connect.transfers.values()].filter((transfer) => transfer.destination === accountId);
}

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
