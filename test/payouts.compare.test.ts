import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../src/jobs/run-job.js';
import { comparePayoutsWithStripe } from '../src/payouts/compare.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { earn, onboardedCreator, payoutsOf } from './helpers/payouts.js';

let t: BillingTestApp;
beforeAll(async () => {
  t = await buildBillingApp();
});
afterAll(() => t.close());

const pay = () => runJob(t.services, 'payouts', { now: new Date(), dryRun: false, olderThanMs: 0 });
const compare = (since?: Date) => comparePayoutsWithStripe({ db: t.services.db, stripe: t.services.stripe }, since);

/** A creator paid once; their payout and its Transfer at the stand-in. */
async function paidCreator(cents: number) {
  const creator = await onboardedCreator(t.app, t.stripe);
  await earn(t.services.db, creator.user.tenant_id, cents);
  await pay();
  const [payout] = await payoutsOf(t.services.db, creator.user.tenant_id);
  const transfer = t.stripe.connect.transfers.get(payout?.stripeTransferId ?? '');
  if (!payout || !transfer) throw new Error('the creator was not paid');
  return { creator, payout, transfer };
}

describe('payouts.compare', () => {
  it('finds nothing when every paid payout has its Transfer, and nothing without Stripe', async () => {
    await paidCreator(700);
    expect(await compare()).toEqual([]);
    expect(await comparePayoutsWithStripe({ db: t.services.db, stripe: undefined })).toEqual([]);
  });

  it('reports a Transfer that differs in amount or destination, is missing, or was reversed without our knowing', async () => {
    const since = new Date(Date.now() - 1_000);
    const changed = await paidCreator(800);
    changed.transfer.amount = 799;
    const moved = await paidCreator(900);
    moved.transfer.destination = 'acct_somebody_else';
    const missing = await paidCreator(1_000);
    t.stripe.connect.transfers.delete(missing.transfer.id);
    const reversed = await paidCreator(1_100);
    reversed.transfer.reversed = true;
    const partly = await paidCreator(1_200);
    await t.stripe.connect.reverseTransfer(partly.transfer.id, 200);

    const found = await compare(since);
    const byPayout = new Map(found.map((row) => [row.subject, row]));
    expect(found.every((row) => row.check === 'payout_transfer')).toBe(true);
    expect(byPayout.get(changed.payout.id)).toMatchObject({ tenantId: changed.creator.user.tenant_id, expectedCents: 800, foundCents: 799 });
    expect(byPayout.get(moved.payout.id)?.detail).toContain('acct_somebody_else');
    expect(byPayout.get(missing.payout.id)).toMatchObject({ expectedCents: 1_000, foundCents: 0 });
    expect(byPayout.get(reversed.payout.id)?.detail).toContain('reversed at Stripe');
    expect(byPayout.get(partly.payout.id)).toMatchObject({ expectedCents: 1_200, foundCents: 1_000 });
    expect(byPayout.get(partly.payout.id)?.detail).toContain('partly reversed at Stripe (200 cents)');
    expect(found).toHaveLength(5);
  });

  it('reports a Transfer naming a payout we do not know, and a second Transfer for a paid payout', async () => {
    const { creator, payout } = await paidCreator(600);
    const stripe = t.services.stripe;
    if (!stripe) throw new Error('billing is off');
    const unknownId = randomUUID();
    const stray = await stripe.transfers.create({ amount: 321, currency: 'usd', destination: creator.accountId, metadata: { payout_id: unknownId } });
    const twice = await stripe.transfers.create({ amount: 600, currency: 'usd', destination: creator.accountId, transfer_group: payout.id, metadata: { payout_id: payout.id } });
    const found = await compare();
    expect(found.find((row) => row.subject === stray.id)).toMatchObject({ check: 'payout_transfer', tenantId: null, expectedCents: 0, foundCents: 321 });
    expect(found.find((row) => row.subject === twice.id)).toMatchObject({ tenantId: creator.user.tenant_id, foundCents: 600 });
    expect(found.find((row) => row.subject === twice.id)?.detail).toContain(`names payout ${payout.id}`);
  });
});
