import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAuditLogs, castSplits, creatorPayoutAccounts, webhookEvents } from '../src/db/schema.js';
import { runJob } from '../src/jobs/run-job.js';
import { checkLedger } from '../src/ledger/checks.js';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { accountBalance } from '../src/ledger/journal.js';
import { createPayout } from '../src/payouts/payout-records.js';
import { buildTestApp } from './helpers/app.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { earn, onboardedCreator, payoutsOf, refundEarning, transfersTo } from './helpers/payouts.js';
import { signUp } from './helpers/users.js';

let t: BillingTestApp;
beforeAll(async () => {
  t = await buildBillingApp({ env: { PAYOUT_MINIMUM_CENTS: '500' } });
});
afterAll(() => t.close());

const pay = (dryRun = false) => runJob(t.services, 'payouts', { now: new Date(), dryRun, olderThanMs: 0 });
const payable = (tenantId: string) => accountBalance(t.services.db, { kind: 'creator_payable', tenantId });
async function payoutMetric(result: string): Promise<number> {
  return (await t.services.metrics.payouts.get()).values.find((value) => value.labels.result === result)?.value ?? 0;
}

describe('payouts.job', () => {
  it('pays exactly the payable balance in one Transfer, keeps held earnings back, and a second run pays nothing', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const paidBefore = await payoutMetric('paid');
    await earn(t.services.db, creator.user.tenant_id, 900);
    await earn(t.services.db, creator.user.tenant_id, 334);
    await earn(t.services.db, creator.user.tenant_id, 5_000, new Date(Date.now() + 86_400_000));

    const report = await pay();
    const [payout, ...others] = await payoutsOf(t.services.db, creator.user.tenant_id);
    expect(others).toHaveLength(0);
    expect(payout).toMatchObject({ status: 'paid', amountCents: 1_234, currency: 'usd', stripeAccountId: creator.accountId, attempts: 1 });
    const transfers = transfersTo(t.stripe, creator.accountId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ id: payout?.stripeTransferId, amount: 1_234, currency: 'usd', transfer_group: payout?.id, metadata: { payout_id: payout?.id } });
    expect(t.stripe.requests.find((request) => request.path === '/v1/transfers' && request.method === 'POST')?.idempotencyKey).toMatch(/^payout-/);
    expect(report.lines.some((text) => text.includes(`paid payout ${payout?.id} of 12.34 USD`))).toBe(true);
    expect(await payable(creator.user.tenant_id)).toBe(0);
    expect(await accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id })).toBe(5_000);
    expect(await payoutMetric('paid')).toBe(paidBefore + 1);
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.targetId, payout?.id ?? ''));
    expect(audit.map((row) => row.action)).toEqual(['payout_paid']);

    await pay();
    expect(await payoutsOf(t.services.db, creator.user.tenant_id)).toHaveLength(1);
    expect(transfersTo(t.stripe, creator.accountId)).toHaveLength(1);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('tells the creator’s webhook endpoints creator.payout_paid once the Transfer is made', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const endpoint = await t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: creator.headers,
      payload: { url: 'https://example.com/hooks/spell', events: ['creator.payout_paid'] },
    });
    expect(endpoint.statusCode).toBe(201);
    await earn(t.services.db, creator.user.tenant_id, 777);
    await pay();
    const [payout] = await payoutsOf(t.services.db, creator.user.tenant_id);
    const events = await t.services.db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, creator.user.tenant_id));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'creator.payout_paid',
        data: expect.objectContaining({ payout_id: payout?.id, amount_cents: 777, currency: 'usd', stripe_transfer_id: payout?.stripeTransferId }),
      }),
    ]);
    await pay();
    expect(await t.services.db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, creator.user.tenant_id))).toHaveLength(1);
  });

  it('two runs at once (the schedule and an operator) pay each creator once', async () => {
    const creators = [await onboardedCreator(t.app, t.stripe), await onboardedCreator(t.app, t.stripe), await onboardedCreator(t.app, t.stripe)];
    for (const [index, creator] of creators.entries()) await earn(t.services.db, creator.user.tenant_id, 600 + index);
    await Promise.all([pay(), pay(), pay()]);
    for (const [index, creator] of creators.entries()) {
      expect(transfersTo(t.stripe, creator.accountId).map((transfer) => transfer.amount)).toEqual([600 + index]);
      expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => [row.status, row.amountCents])).toEqual([['paid', 600 + index]]);
    }
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('waits for the minimum, and pays nobody whose account Stripe does not let be paid', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const notOnboarded = await signUp(t.app);
    await t.app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', headers: notOnboarded.headers });
    await earn(t.services.db, creator.user.tenant_id, 499);
    await earn(t.services.db, notOnboarded.user.tenant_id, 10_000);
    await pay();
    expect(await payoutsOf(t.services.db, creator.user.tenant_id)).toHaveLength(0);
    expect(await payoutsOf(t.services.db, notOnboarded.user.tenant_id)).toHaveLength(0);
    expect(await payable(creator.user.tenant_id)).toBe(499);

    await earn(t.services.db, creator.user.tenant_id, 1);
    await pay();
    expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => row.amountCents)).toEqual([500]);
    expect(await payable(notOnboarded.user.tenant_id)).toBe(10_000);
  });

  it('never pays a negative balance: a refund after a payout nets against the next earnings', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const castId = await earn(t.services.db, creator.user.tenant_id, 600);
    await pay();
    await refundEarning(t.services.db, castId, 600);
    expect(await payable(creator.user.tenant_id)).toBe(-600);
    await earn(t.services.db, creator.user.tenant_id, 800);
    await pay();
    expect(await payable(creator.user.tenant_id)).toBe(200);
    expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => row.amountCents)).toEqual([600]);
    await earn(t.services.db, creator.user.tenant_id, 400);
    await pay();
    expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => row.amountCents).sort()).toEqual([600, 600]);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('a Transfer Stripe refuses fails the payout and puts the money back on the balance', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const failedBefore = await payoutMetric('failed');
    await earn(t.services.db, creator.user.tenant_id, 750);
    // Stripe disabled the account and we have not heard yet: our row still says payouts are enabled.
    const account = t.stripe.connect.accounts.get(creator.accountId);
    if (account) account.payouts_enabled = false;
    const report = await pay();
    const [payout] = await payoutsOf(t.services.db, creator.user.tenant_id);
    expect(payout).toMatchObject({ status: 'failed', amountCents: 750, stripeTransferId: null });
    expect(payout?.failureMessage).toMatch(/capabilities/);
    expect(report.lines.some((text) => text.startsWith(`failed payout ${payout?.id}`))).toBe(true);
    expect(await payable(creator.user.tenant_id)).toBe(750);
    expect(await accountBalance(t.services.db, { kind: 'payouts_in_transit' })).toBe(0);
    expect(await payoutMetric('failed')).toBe(failedBefore + 1);
    const [audit] = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.targetId, payout?.id ?? ''));
    expect(audit).toMatchObject({ action: 'payout_failed', tenantId: creator.user.tenant_id });
    expect(await checkLedger(t.services.db)).toEqual([]);

    // Stripe says so, the creator fixes it, and the next run pays the balance.
    await t.stripe.connect.updateAccount(creator.accountId, { payouts_enabled: false });
    await pay();
    expect(await payoutsOf(t.services.db, creator.user.tenant_id)).toHaveLength(1);
    await t.stripe.completeOnboarding(creator.accountId);
    await pay();
    expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => row.status).sort()).toEqual(['failed', 'paid']);
  });

  it('Stripe unreachable leaves the payout pending with its money in transit; the next run pays it once', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    await earn(t.services.db, creator.user.tenant_id, 640);
    t.stripe.failNext('/v1/transfers', 3, 500);
    const report = await pay();
    t.stripe.clearFailures();
    const [pending] = await payoutsOf(t.services.db, creator.user.tenant_id);
    expect(pending).toMatchObject({ status: 'pending', amountCents: 640 });
    expect(report.lines.some((text) => text.startsWith(`left pending payout ${pending?.id}`))).toBe(true);
    expect(await payable(creator.user.tenant_id)).toBe(0);
    // More earnings meanwhile wait: one payout in flight per creator.
    await earn(t.services.db, creator.user.tenant_id, 900);

    await pay();
    const rows = await payoutsOf(t.services.db, creator.user.tenant_id);
    expect(rows.find((row) => row.id === pending?.id)).toMatchObject({ status: 'paid' });
    expect(transfersTo(t.stripe, creator.accountId).map((transfer) => transfer.amount).sort()).toEqual([640, 900]);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('a pending payout whose Transfer Stripe made (the answer was lost) is found by transfer_group and recorded, not paid again', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    await earn(t.services.db, creator.user.tenant_id, 1_000);
    // As a killed run leaves it: earnings released, the payout recorded, its Transfer made, the answer never heard.
    await releaseHeldEarnings(t.services.db, new Date());
    const payout = await t.services.db.transaction((tx) =>
      createPayout(tx, { tenantId: creator.user.tenant_id, minimumCents: 500, currency: 'usd', stripeAccountId: creator.accountId, now: new Date() }),
    );
    const stripe = t.services.stripe;
    if (!payout || !stripe) throw new Error('no payout');
    const made = await stripe.transfers.create(
      { amount: payout.amountCents, currency: 'usd', destination: creator.accountId, transfer_group: payout.id, metadata: { payout_id: payout.id } },
      { idempotencyKey: `payout-${payout.id}` },
    );
    t.stripe.forgetIdempotencyKeys();

    const report = await pay();
    expect(report.lines.some((text) => text.includes('found at Stripe'))).toBe(true);
    expect((await payoutsOf(t.services.db, creator.user.tenant_id))[0]).toMatchObject({ status: 'paid', stripeTransferId: made.id });
    expect(transfersTo(t.stripe, creator.accountId)).toHaveLength(1);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('transfer.reversed turns the payout reversed and puts the money back, once', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const reversedBefore = await payoutMetric('reversed');
    await earn(t.services.db, creator.user.tenant_id, 820);
    await pay();
    const [paid] = await payoutsOf(t.services.db, creator.user.tenant_id);
    const delivery = (await t.stripe.connect.reverseTransfer(paid?.stripeTransferId ?? '')) as { status: number };
    expect(delivery.status).toBe(200);
    expect((await payoutsOf(t.services.db, creator.user.tenant_id))[0]).toMatchObject({ status: 'reversed' });
    expect(await payable(creator.user.tenant_id)).toBe(820);
    expect(await payoutMetric('reversed')).toBe(reversedBefore + 1);
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.targetId, paid?.id ?? ''));
    expect(audit.map((row) => row.action).sort()).toEqual(['payout_paid', 'payout_reversed']);
    expect(await checkLedger(t.services.db)).toEqual([]);

    // Stripe redelivers; nothing moves twice.
    const transfer = t.stripe.connect.transfers.get(paid?.stripeTransferId ?? '') ?? { id: '' };
    const again = await t.stripe.deliverConnect('transfer.reversed', structuredClone(transfer), null);
    expect(again.status).toBe(200);
    expect(await payable(creator.user.tenant_id)).toBe(820);
    // The balance is paid again by the next run.
    await pay();
    expect((await payoutsOf(t.services.db, creator.user.tenant_id)).map((row) => row.status).sort()).toEqual(['paid', 'reversed']);
  });

  it('transfer.reversed on the account endpoint (where Stripe sends a platform Transfer’s events) reverses the payout too', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    await earn(t.services.db, creator.user.tenant_id, 560);
    await pay();
    const [paid] = await payoutsOf(t.services.db, creator.user.tenant_id);
    const transfer = t.stripe.connect.transfers.get(paid?.stripeTransferId ?? '');
    if (!transfer) throw new Error('no transfer');
    Object.assign(transfer, { amount_reversed: transfer.amount, reversed: true });
    const reversedBefore = await payoutMetric('reversed');
    const delivery = await t.stripe.send(t.stripe.event('transfer.reversed', structuredClone(transfer)));
    expect(delivery).toMatchObject({ status: 200, body: JSON.stringify({ received: true, result: 'processed' }) });
    expect(await payoutMetric('reversed')).toBe(reversedBefore + 1);
    expect((await payoutsOf(t.services.db, creator.user.tenant_id))[0]?.status).toBe('reversed');
    expect(await payable(creator.user.tenant_id)).toBe(560);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('a dry run prints what it would pay and changes nothing', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    const castId = await earn(t.services.db, creator.user.tenant_id, 1_500);
    const report = await pay(true);
    expect(report).toMatchObject({ dryRun: true, changed: 0 });
    expect(report.lines).toContain(`would pay 15.00 USD to tenant ${creator.user.tenant_id} (${creator.accountId})`);
    expect(await payoutsOf(t.services.db, creator.user.tenant_id)).toHaveLength(0);
    expect(transfersTo(t.stripe, creator.accountId)).toHaveLength(0);
    const [split] = await t.services.db.select().from(castSplits).where(eq(castSplits.castId, castId));
    expect(split?.status).toBe('held');
  });

  it('a deleted creator is still paid what they earned while their Connect account can be paid', async () => {
    const creator = await onboardedCreator(t.app, t.stripe);
    // Money rows carry no foreign key: a creator whose tenant is gone keeps their payout account and balance.
    const gone = randomUUID();
    await t.services.db.update(creatorPayoutAccounts).set({ tenantId: gone }).where(eq(creatorPayoutAccounts.tenantId, creator.user.tenant_id));
    await earn(t.services.db, gone, 2_000);
    expect((await pay(true)).lines).toContain(`would pay 20.00 USD to tenant ${gone} (deleted) (${creator.accountId})`);
    await pay();
    expect((await payoutsOf(t.services.db, gone)).map((row) => [row.status, row.amountCents])).toEqual([['paid', 2_000]]);
  });
});

describe('payouts.job with billing off', () => {
  it('has nothing to do', async () => {
    const off = await buildTestApp({ env: { SEED_DEMO_SPELL: 'false' } });
    try {
      await earn(off.services.db, randomUUID(), 5_000);
      const report = await runJob(off.services, 'payouts', { now: new Date(), dryRun: false, olderThanMs: 0 });
      expect(report).toMatchObject({ job: 'payouts', changed: 0, lines: ['billing is off: earnings are book entries, nothing is paid out'] });
    } finally {
      await off.close();
    }
  });
});
