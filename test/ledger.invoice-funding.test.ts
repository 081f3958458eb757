import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castSplits } from '../src/db/schema.js';
import { checkLedger } from '../src/ledger/checks.js';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { accountBalance } from '../src/ledger/journal.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const PRICE = 250; // 80 % → 200 for the creator, 50 for the platform
const HOLD_MS = 7 * 86_400_000;
const clock = createManualClock(new Date('2026-03-10T12:00:00Z'));
let t: BillingTestApp;
let creator: SignedUp;

beforeAll(async () => {
  t = await buildBillingApp({ clock });
  creator = await signUp(t.app);
  await publish(t.app, creator, 'metered-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
});
afterAll(() => t.close());

/** A consumer on the plan (PRO, a Stripe subscription): its casts of creators' spells go on the metered invoice. */
async function proConsumer(): Promise<{ user: SignedUp; subscriptionId: string }> {
  const user = await signUp(t.app);
  const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode: 'subscription' } });
  await t.stripe.completeCheckout(response.json<{ id: string }>().id);
  const subscription = [...t.stripe.subscriptions.values()].find((s) => (s.metadata as { tenant_id?: string }).tenant_id === user.user.tenant_id);
  if (!subscription) throw new Error('no subscription');
  return { user, subscriptionId: subscription.id };
}

async function castOnce(user: SignedUp): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/metered-echo`, input: 'x' } });
  expect(response.statusCode).toBe(200);
  return response.json<{ cast_id: string }>().cast_id;
}

const splitsOf = (user: SignedUp) => t.services.db.select().from(castSplits).where(eq(castSplits.consumerTenantId, user.user.tenant_id));
const pending = () => accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id });
const payable = () => accountBalance(t.services.db, { kind: 'creator_payable', tenantId: creator.user.tenant_id });
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe('ledger.invoice-funding', () => {
  it('holds a PRO consumer’s casts until their invoice is paid, then starts the hold, then makes them payable', async () => {
    const { user, subscriptionId } = await proConsumer();
    const pendingBefore = await pending();
    const payableBefore = await payable();
    await castOnce(user);
    await castOnce(user);
    const castAt = clock.now();
    expect((await splitsOf(user)).map((split) => [split.funding, split.status, split.creatorCents, split.platformCents])).toEqual([
      ['invoice', 'awaiting_payment', 200, 50],
      ['invoice', 'awaiting_payment', 200, 50],
    ]);
    expect(await pending()).toBe(pendingBefore + 400);
    expect(await accountBalance(t.services.db, { kind: 'consumer_receivable', tenantId: user.user.tenant_id })).toBe(-2 * PRICE);

    // A cast after the period the invoice bills waits for the next invoice.
    clock.advance(3_600_000);
    const periodEnd = seconds(clock.now());
    clock.advance(3_600_000);
    const later = await castOnce(user);

    clock.advance(60_000);
    const paidAt = clock.now();
    const deliveries = await t.stripe.payInvoice(subscriptionId, { periodEnd, alsoPaymentSucceeded: true });
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
    const splits = await splitsOf(user);
    const funded = splits.filter((split) => split.castId !== later);
    expect(funded.map((split) => split.status)).toEqual(['held', 'held']);
    expect(funded.every((split) => split.availableAt?.getTime() === paidAt.getTime() + HOLD_MS)).toBe(true);
    expect(funded.every((split) => split.invoiceId?.startsWith('in_'))).toBe(true);
    expect(splits.find((split) => split.castId === later)?.status).toBe('awaiting_payment');
    // The two casts are paid for; only the later one is still owed.
    expect(await accountBalance(t.services.db, { kind: 'consumer_receivable', tenantId: user.user.tenant_id })).toBe(-PRICE);
    expect(await pending()).toBe(pendingBefore + 600);

    // Not before the hold ends; then payable.
    expect((await releaseHeldEarnings(t.services.db, new Date(paidAt.getTime() + HOLD_MS - 1))).get(creator.user.tenant_id)).toBeUndefined();
    const released = await releaseHeldEarnings(t.services.db, new Date(paidAt.getTime() + HOLD_MS));
    expect(released.get(creator.user.tenant_id)).toBe(400);
    expect(await payable()).toBe(payableBefore + 400);
    expect(await pending()).toBe(pendingBefore + 200);
    expect(castAt.getTime()).toBeLessThan(periodEnd * 1000);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('leaves the casts awaiting payment while the invoice is unpaid: pending for the creator, never payable', async () => {
    const { user, subscriptionId } = await proConsumer();
    await castOnce(user);
    clock.advance(60_000);
    const failed = await t.stripe.failPayment(subscriptionId, { periodEnd: seconds(clock.now()) });
    expect(failed.map((delivery) => delivery.status)).toEqual([200]);
    expect((await splitsOf(user)).map((split) => split.status)).toEqual(['awaiting_payment']);
    // However long it waits, an unpaid cast is never released.
    await releaseHeldEarnings(t.services.db, new Date(clock.now().getTime() + 365 * 86_400_000));
    expect((await splitsOf(user)).map((split) => split.status)).toEqual(['awaiting_payment']);
    expect(await accountBalance(t.services.db, { kind: 'consumer_receivable', tenantId: user.user.tenant_id })).toBe(-PRICE);

    // Dunning succeeds later: the same casts are funded then.
    clock.advance(86_400_000);
    await t.stripe.payInvoice(subscriptionId, { periodEnd: seconds(clock.now()) });
    expect((await splitsOf(user)).map((split) => split.status)).toEqual(['held']);
    expect(await accountBalance(t.services.db, { kind: 'consumer_receivable', tenantId: user.user.tenant_id })).toBe(0);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('funds the casts of a paid invoice whose event arrives after a newer invoice event', async () => {
    const { user, subscriptionId } = await proConsumer();
    await castOnce(user);
    clock.advance(60_000);
    t.stripe.holdWebhooks();
    await t.stripe.payInvoice(subscriptionId, { periodEnd: seconds(clock.now()) });
    await t.stripe.failPayment(subscriptionId, { periodEnd: seconds(clock.now()) }); // the next one, created later
    const deliveries = await t.stripe.releaseWebhooks('newest-first');
    expect(deliveries.map((delivery) => [delivery.event.type, delivery.status])).toEqual([
      ['invoice.payment_failed', 200],
      ['invoice.paid', 200],
    ]);
    // The late "paid" does not undo the newer failure's status, but the payment it reports is real.
    expect((await splitsOf(user)).map((split) => split.status)).toEqual(['held']);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });
});
