import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlements, purchases, stripeWebhookLogs, tenants } from '../src/db/schema.js';
import { entriesOf } from './helpers/ledger.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const clock = createManualClock(new Date());
let t: BillingTestApp;
beforeAll(async () => {
  t = await buildBillingApp({ clock });
});
afterAll(() => t.close());

const me = async (user: SignedUp) => (await t.app.inject({ url: '/v1/me', headers: user.headers })).json<Record<string, unknown>>();

async function startCheckout(user: SignedUp, mode: 'subscription' | 'payment'): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode } });
  expect(response.statusCode).toBe(200);
  return response.json<{ id: string }>().id;
}

/** A checkout whose completion event has been built but not delivered. */
function completedEvent(sessionId: string) {
  const session = t.stripe.checkoutSessions.get(sessionId);
  if (!session) throw new Error('no session');
  return t.stripe.event('checkout.session.completed', { ...session, status: 'complete', payment_status: 'paid' });
}

async function post(payload: string, headers: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', ...headers }, payload });
}

const logsOf = (eventId: string) => t.services.db.select().from(stripeWebhookLogs).where(eq(stripeWebhookLogs.eventId, eventId));

describe('billing.webhooks', () => {
  it('refuses a missing, wrong or stale signature with 400 and stores nothing', async () => {
    const user = await signUp(t.app);
    const event = completedEvent(await startCheckout(user, 'payment'));
    const payload = JSON.stringify(event);
    const cases: Record<string, string>[] = [
      {},
      { 'stripe-signature': 'garbage' },
      { 'stripe-signature': t.stripe.signature(`${payload} `) },
      { 'stripe-signature': t.stripe.signature(payload, Math.floor(Date.now() / 1000) - 600) },
    ];
    for (const headers of cases) {
      const response = await post(payload, headers);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_signature' });
    }
    expect(await logsOf(event.id)).toHaveLength(0);
    expect((await t.app.inject({ url: '/v1/billing', headers: user.headers })).json()).toMatchObject({ credits_cents: 0 });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/spell_stripe_webhook_total\{type="unknown",result="invalid_signature"\} 4/);
  });

  it('processes an event delivered five times, and five times at once, exactly once', async () => {
    const user = await signUp(t.app);
    const event = completedEvent(await startCheckout(user, 'payment'));
    const sequential = [];
    for (let i = 0; i < 5; i += 1) sequential.push(await t.stripe.send(event));
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => t.stripe.send(event)));
    const results = [...sequential, ...concurrent].map((delivery) => [delivery.status, JSON.parse(delivery.body).result]);
    expect(results[0]).toEqual([200, 'processed']);
    expect(results.slice(1)).toEqual(Array(9).fill([200, 'duplicate']));
    expect(await logsOf(event.id)).toMatchObject([{ result: 'processed', type: 'checkout.session.completed' }]);
    const ledger = await entriesOf(t.services.db, user.user.tenant_id);
    expect(ledger).toMatchObject([{ kind: 'credit_purchase', amountCents: 1_000 }]);
    expect((await t.app.inject({ url: '/v1/billing', headers: user.headers })).json()).toMatchObject({ credits_cents: 1_000 });
  });

  it('rolls a failure back completely, answers 5xx, and lets Stripe’s retry succeed', async () => {
    const user = await signUp(t.app);
    const event = completedEvent(await startCheckout(user, 'payment'));
    // The purchase row goes in first; the ledger insert then fails and must take the purchase with it.
    await t.services.db.execute(sql`alter table ledger_journals rename to ledger_journals_away`);
    let failed;
    try {
      failed = await t.stripe.send(event);
    } finally {
      await t.services.db.execute(sql`alter table ledger_journals_away rename to ledger_journals`);
    }
    expect(failed.status).toBe(500);
    expect(await t.services.db.select().from(purchases).where(eq(purchases.tenantId, user.user.tenant_id))).toHaveLength(0);
    expect(await logsOf(event.id)).toMatchObject([{ result: 'failed', processedAt: null }]);

    const retried = await t.stripe.send(event);
    expect([retried.status, JSON.parse(retried.body).result]).toEqual([200, 'processed']);
    expect(await t.services.db.select().from(purchases).where(eq(purchases.tenantId, user.user.tenant_id))).toHaveLength(1);
    expect(await logsOf(event.id)).toMatchObject([{ result: 'processed', attempts: 2 }]);
  });

  it('ends shuffled subscription events in the newest state, never moving backwards', async () => {
    const user = await signUp(t.app);
    await t.stripe.completeCheckout(await startCheckout(user, 'subscription'), { shuffle: true });
    expect(await me(user)).toMatchObject({ plan: 'PRO' });
    const [subscription] = [...t.stripe.subscriptions.values()].filter((s) => (s.metadata as { tenant_id: string }).tenant_id === user.user.tenant_id);
    if (!subscription) throw new Error('no subscription');

    const pastDue = t.stripe.event('customer.subscription.updated', { ...subscription, status: 'past_due' });
    const active = t.stripe.event('customer.subscription.updated', { ...subscription, status: 'active', cancel_at_period_end: true });
    const deleted = t.stripe.event('customer.subscription.deleted', { ...subscription, status: 'canceled' });
    const results = await t.stripe.deliver([deleted, pastDue, active]);
    expect(results.map((delivery) => [delivery.status, JSON.parse(delivery.body).result])).toEqual([
      [200, 'processed'],
      [200, 'ignored'],
      [200, 'ignored'],
    ]);
    expect((await t.app.inject({ url: '/v1/billing/subscriptions', headers: user.headers })).json()).toMatchObject({
      subscriptions: [{ id: subscription.id, status: 'canceled' }],
    });
    expect(await me(user)).toMatchObject({ plan: 'FREE' });
    const rows = await t.services.db.select().from(entitlements).where(eq(entitlements.tenantId, user.user.tenant_id));
    expect(rows).toMatchObject([{ planCode: 'PRO', source: 'stripe', status: 'revoked' }]);
  });

  it('moves a failed payment to grace for 14 days, and a payment back to active; a late failure changes nothing', async () => {
    const user = await signUp(t.app);
    await publish(t.app, user, `grace-echo-${user.user.id.slice(0, 8)}`, exampleSpell('echo'));
    await t.stripe.completeCheckout(await startCheckout(user, 'subscription'));
    const [subscription] = [...t.stripe.subscriptions.values()].filter((s) => (s.metadata as { tenant_id: string }).tenant_id === user.user.tenant_id);
    if (!subscription) throw new Error('no subscription');

    const lateFailure = t.stripe.event('invoice.payment_failed', { id: 'in_late', object: 'invoice', customer: subscription.customer, status: 'open' });
    await t.stripe.failPayment(subscription.id);
    const graced = await me(user);
    expect(graced).toMatchObject({ status: 'grace' });
    expect(new Date(String(graced.grace_until)).getTime()).toBe(clock.now().getTime() + 14 * 86_400_000);
    const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `grace-echo-${user.user.id.slice(0, 8)}`, input: 'still casting' } });
    expect(cast.json()).toMatchObject({ output: 'still casting' });

    await t.stripe.payInvoice(subscription.id);
    expect(await me(user)).toMatchObject({ status: 'active', grace_until: null });
    const [late] = await t.stripe.deliver([lateFailure]);
    expect(JSON.parse(late?.body ?? '{}')).toMatchObject({ result: 'ignored' });
    expect(await me(user)).toMatchObject({ status: 'active' });
  });

  it('refuses casts of a suspended tenant with 403 account_suspended', async () => {
    const user = await signUp(t.app);
    await t.services.db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, user.user.tenant_id));
    const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: 'anything', input: null } });
    expect(cast.statusCode).toBe(403);
    expect(cast.json()).toMatchObject({ error: 'account_suspended' });
  });
});
