import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAuditLogs, purchases } from '../src/db/schema.js';
import { accountBalance } from '../src/ledger/journal.js';
import { entriesOf, ledgerTotals } from './helpers/ledger.js';
import { buildBillingApp, PACK_LARGE, type BillingTestApp } from './helpers/billing.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

// The large pack: 5000 cents paid for 5500 cents of credit.
const CREDIT = 5_500;
const PRICE = 100;

let t: BillingTestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildBillingApp();
  creator = await signUp(t.app);
  await publish(t.app, creator, 'refund-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
});
afterAll(() => t.close());

const balance = async (user: SignedUp) =>
  (await t.app.inject({ url: '/v1/billing', headers: user.headers })).json<{ credits_cents: number }>().credits_cents;

/** Starts a Checkout for the large pack and pays it (or completes it unpaid, for a delayed method). */
async function buyPack(user: SignedUp, options: { delayed?: boolean } = {}) {
  const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode: 'payment', price_id: PACK_LARGE } });
  const sessionId = response.json<{ id: string }>().id;
  const deliveries = await t.stripe.completeCheckout(sessionId, options);
  expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
  const session = t.stripe.checkoutSessions.get(sessionId);
  return { sessionId, paymentIntent: String(session?.payment_intent), deliveries };
}

const auditActions = async (user: SignedUp) =>
  (await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.tenantId, user.user.tenant_id))).map((row) => row.action);

describe('billing.refunds: only paid payments grant credit', () => {
  it('grants nothing for a Checkout completed unpaid, then the credit once the delayed payment succeeds', async () => {
    const user = await signUp(t.app);
    const { sessionId } = await buyPack(user, { delayed: true });
    expect(await balance(user)).toBe(0);
    const [purchase] = await t.services.db.select().from(purchases).where(eq(purchases.stripeCheckoutSessionId, sessionId));
    expect(purchase?.paymentStatus).toBe('unpaid');

    const [succeeded] = await t.stripe.settleDelayedPayment(sessionId, true);
    expect(succeeded?.status).toBe(200);
    expect(await balance(user)).toBe(CREDIT);
    // Stripe retries and replays change nothing.
    if (succeeded) expect((await t.stripe.deliver([succeeded.event]))[0]?.body).toContain('duplicate');
    expect(await balance(user)).toBe(CREDIT);
    expect((await auditActions(user)).filter((action) => action === 'credits_purchased')).toHaveLength(1);
  });

  it('grants nothing when the delayed payment fails, and records why', async () => {
    const user = await signUp(t.app);
    const { sessionId } = await buyPack(user, { delayed: true });
    await t.stripe.settleDelayedPayment(sessionId, false);
    expect(await balance(user)).toBe(0);
    const [purchase] = await t.services.db.select().from(purchases).where(eq(purchases.stripeCheckoutSessionId, sessionId));
    expect(purchase?.paymentStatus).toBe('failed');
    expect(await auditActions(user)).toContain('purchase_payment_failed');
  });

  it('grants nothing for a signed completed event whose payment_status is unpaid, however it was made', async () => {
    const user = await signUp(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode: 'payment' } });
    const session = t.stripe.checkoutSessions.get(response.json<{ id: string }>().id);
    if (!session) throw new Error('no session');
    const [delivery] = await t.stripe.deliver([t.stripe.event('checkout.session.completed', { ...session, status: 'complete', payment_status: 'unpaid' })]);
    expect(delivery?.status).toBe(200);
    expect(await balance(user)).toBe(0);
  });
});

describe('billing.refunds: a plan is provisioned only once paid', () => {
  const plan = async (user: SignedUp) => (await t.app.inject({ url: '/v1/billing', headers: user.headers })).json<{ plan: string; subscription_status: string }>();
  const buyPlan = async (user: SignedUp) => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode: 'subscription' } });
    return response.json<{ id: string }>().id;
  };

  it('keeps a plan bought with a delayed payment FREE until the payment succeeds, then makes it PRO', async () => {
    const user = await signUp(t.app);
    const sessionId = await buyPlan(user);
    const completed = await t.stripe.completeCheckout(sessionId, { delayed: true });
    expect(completed.map((delivery) => [delivery.event.type, delivery.status])).toEqual([
      ['customer.subscription.created', 200],
      ['checkout.session.completed', 200],
    ]);
    expect(await plan(user)).toMatchObject({ plan: 'FREE', subscription_status: 'incomplete' });
    const purchases = (await t.app.inject({ url: '/v1/billing/purchases', headers: user.headers })).json();
    expect(purchases).toMatchObject({ purchases: [{ mode: 'subscription', payment_status: 'unpaid' }] });

    const settled = await t.stripe.settleDelayedPayment(sessionId, true);
    expect(settled.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    expect(await plan(user)).toMatchObject({ plan: 'PRO', subscription_status: 'active' });
    const after = (await t.app.inject({ url: '/v1/billing/purchases', headers: user.headers })).json();
    expect(after).toMatchObject({ purchases: [{ mode: 'subscription', payment_status: 'paid' }] });
  });

  it('never makes a plan PRO when its delayed payment fails', async () => {
    const user = await signUp(t.app);
    const sessionId = await buyPlan(user);
    await t.stripe.completeCheckout(sessionId, { delayed: true });
    await t.stripe.settleDelayedPayment(sessionId, false);
    expect(await plan(user)).toMatchObject({ plan: 'FREE', subscription_status: 'incomplete_expired' });
    const purchases = (await t.app.inject({ url: '/v1/billing/purchases', headers: user.headers })).json();
    expect(purchases).toMatchObject({ purchases: [{ mode: 'subscription', payment_status: 'failed' }] });
  });

  it('grants nothing for a signed subscription checkout.session.completed whose payment_status is unpaid', async () => {
    const user = await signUp(t.app);
    const session = t.stripe.checkoutSessions.get(await buyPlan(user));
    if (!session) throw new Error('no session');
    const [delivery] = await t.stripe.deliver([t.stripe.event('checkout.session.completed', { ...session, status: 'complete', payment_status: 'unpaid' })]);
    expect(delivery?.status).toBe(200);
    expect(await plan(user)).toMatchObject({ plan: 'FREE', subscription_status: 'none' });
  });

  it('lists an unpaid credit pack as unpaid, so its credit is not taken for granted', async () => {
    const user = await signUp(t.app);
    await buyPack(user, { delayed: true });
    const purchases = (await t.app.inject({ url: '/v1/billing/purchases', headers: user.headers })).json();
    expect(purchases).toMatchObject({ purchases: [{ mode: 'payment', payment_status: 'unpaid', credits_cents: CREDIT, credits_reversed_cents: 0 }] });
  });
});

describe('billing.refunds: refunds and disputes take credit back', () => {
  it('takes back the whole credit on a full refund', async () => {
    const user = await signUp(t.app);
    const { paymentIntent } = await buyPack(user);
    expect(await balance(user)).toBe(CREDIT);
    const [refund] = await t.stripe.refund(paymentIntent);
    expect(refund?.status).toBe(200);
    expect(await balance(user)).toBe(0);
    if (refund) await t.stripe.deliver([refund.event]);
    expect(await balance(user)).toBe(0);
    expect(await auditActions(user)).toContain('credits_refunded');
  });

  it('takes back a partial refund pro rata (rounded down), and a later, larger refund only the difference', async () => {
    const user = await signUp(t.app);
    const { paymentIntent } = await buyPack(user);
    await t.stripe.refund(paymentIntent, 1_000); // a fifth of 5000 → 1100 of 5500
    expect(await balance(user)).toBe(CREDIT - 1_100);
    await t.stripe.refund(paymentIntent, 1_499); // 2499 of 5000 in all → floor(5500 × 2499 / 5000) = 2748
    expect(await balance(user)).toBe(CREDIT - 2_748);
    const rows = await entriesOf(t.services.db, user.user.tenant_id);
    expect(rows.filter((row) => row.kind === 'credit_reversal').map((row) => row.amountCents).sort((a, b) => a - b)).toEqual([-1_648, -1_100]);
  });

  it('takes back what is left of the credit when a dispute is lost, nothing when it is won', async () => {
    const won = await signUp(t.app);
    const wonPayment = await buyPack(won);
    const [wonDelivery] = await t.stripe.closeDispute(wonPayment.paymentIntent, 'won');
    expect(wonDelivery?.status).toBe(200);
    expect(await balance(won)).toBe(CREDIT);

    const lost = await signUp(t.app);
    const lostPayment = await buyPack(lost);
    await t.stripe.refund(lostPayment.paymentIntent, 1_000);
    const [lostDelivery] = await t.stripe.closeDispute(lostPayment.paymentIntent, 'lost');
    expect(lostDelivery?.status).toBe(200);
    expect(await balance(lost)).toBe(0);
    if (lostDelivery) await t.stripe.deliver([lostDelivery.event]);
    expect(await balance(lost)).toBe(0);
    expect(await auditActions(lost)).toContain('credits_dispute_lost');
  });

  it('takes spent credit back from the creator and the platform that its casts paid, the unspent rest from the credit', async () => {
    const user = await signUp(t.app);
    const { paymentIntent } = await buyPack(user);
    const pendingBefore = await accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id });
    const revenueBefore = await accountBalance(t.services.db, { kind: 'platform_revenue' });
    for (let i = 0; i < 3; i += 1) {
      const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/refund-echo`, input: 'x' } });
      expect(cast.statusCode).toBe(200);
    }
    // 80% of each cast to its creator, the rest to the platform.
    expect(await accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id })).toBe(pendingBefore + 240);
    await t.stripe.refund(paymentIntent);
    expect(await balance(user)).toBe(0);
    expect(await accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id })).toBe(pendingBefore);
    expect(await accountBalance(t.services.db, { kind: 'platform_revenue' })).toBe(revenueBefore);
    const [refunded] = (await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.tenantId, user.user.tenant_id))).filter(
      (row) => row.action === 'credits_refunded',
    );
    expect(refunded?.after).toMatchObject({ taken_back_cents: CREDIT, from_credit_cents: CREDIT - 3 * PRICE, from_casts_cents: 3 * PRICE });
    expect(await ledgerTotals(t.services.db)).toEqual({ sum: 0, mismatchedBalances: 0 });
    const refused = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/refund-echo`, input: 'x' } });
    expect(refused.json()).toMatchObject({ error: 'insufficient_credits', balance_cents: 0 });
    await buyPack(user);
    const again = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/refund-echo`, input: 'x' } });
    expect(again.statusCode).toBe(200);
  });

  it('counts the new events in spell_stripe_webhook_total', async () => {
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/spell_stripe_webhook_total\{type="charge\.refunded",result="processed"\} [1-9]/);
    expect(metrics.body).toMatch(/spell_stripe_webhook_total\{type="charge\.dispute\.closed",result="ignored"\} [1-9]/);
  });
});
