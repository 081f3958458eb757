import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAccounts, billingAuditLogs } from '../src/db/schema.js';
import { buildTestApp } from './helpers/app.js';
import { buildBillingApp, PACK_LARGE, PACK_SMALL, PLAN_PRICE, type BillingTestApp } from './helpers/billing.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

let t: BillingTestApp;
beforeAll(async () => {
  t = await buildBillingApp();
});
afterAll(() => t.close());

const checkout = (headers: Record<string, string>, payload: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers, payload });

describe('billing.checkout', () => {
  it('returns a Checkout URL for the plan and for a credit pack, with one customer per tenant', async () => {
    const owner = await signUp(t.app);
    const [plan, pack, concurrent] = await Promise.all([
      checkout(owner.headers, { mode: 'subscription' }),
      checkout(owner.headers, { mode: 'payment', price_id: PACK_LARGE }),
      checkout(owner.headers, { mode: 'payment' }),
    ]);
    for (const response of [plan, pack, concurrent]) {
      expect(response.statusCode).toBe(200);
      expect(response.json<{ url: string }>().url).toMatch(new RegExp(`^${t.stripe.url}/checkout/cs_test_`));
    }
    const sessions = [...t.stripe.checkoutSessions.values()].filter((session) => session.client_reference_id === owner.user.tenant_id);
    expect(sessions.map((session) => session.mode).sort()).toEqual(['payment', 'payment', 'subscription']);
    expect(sessions.find((session) => session.mode === 'subscription')?.line_items).toMatchObject({ data: [{ price: { id: PLAN_PRICE } }] });
    expect(sessions.filter((session) => session.mode === 'payment').map((session) => (session.metadata as { price_id: string }).price_id).sort()).toEqual(
      [PACK_LARGE, PACK_SMALL].sort(),
    );

    // Three concurrent first uses, one customer: the idempotency key is the tenant.
    const customers = [...t.stripe.customers.values()].filter((customer) => (customer.metadata as { tenant_id?: string }).tenant_id === owner.user.tenant_id);
    expect(customers).toHaveLength(1);
    const [account] = await t.services.db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, owner.user.tenant_id));
    expect(account?.stripeCustomerId).toBe(customers[0]?.id);
    // Every request that creates something carries an idempotency key.
    expect(t.stripe.requests.filter((request) => request.method === 'POST').every((request) => request.idempotencyKey)).toBe(true);
  });

  it('refuses an unknown credit pack and a member, and opens the Customer Portal for the owner', async () => {
    const owner = await signUp(t.app);
    const unknown = await checkout(owner.headers, { mode: 'payment', price_id: 'price_nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/price_id' }] });
    expect((await checkout(owner.headers, { mode: 'gift' })).statusCode).toBe(400);

    const portal = await t.app.inject({ method: 'POST', url: '/v1/billing/portal', headers: owner.headers });
    expect(portal.statusCode).toBe(200);
    expect(portal.json<{ url: string }>().url).toMatch(new RegExp(`^${t.stripe.url}/portal/bps_`));
  });

  it('answers 502 when Stripe fails, and keeps no half-made state', async () => {
    const owner = await signUp(t.app);
    t.stripe.failNext('/v1/customers', 10, 500);
    const failed = await checkout(owner.headers, { mode: 'subscription' });
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({ error: 'billing_unavailable' });
    expect(await t.services.db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, owner.user.tenant_id))).toHaveLength(0);
    t.stripe.clearFailures();
    expect((await checkout(owner.headers, { mode: 'subscription' })).statusCode).toBe(200);
  });

  it('turns a completed subscription checkout into an active PRO plan, visible in /v1/me and history', async () => {
    const owner = await signUp(t.app);
    const { id } = (await checkout(owner.headers, { mode: 'subscription' })).json<{ id: string }>();
    const deliveries = await t.stripe.completeCheckout(id);
    expect(deliveries.map((delivery) => [delivery.event.type, delivery.status])).toEqual([
      ['customer.subscription.created', 200],
      ['checkout.session.completed', 200],
      ['invoice.paid', 200],
    ]);
    expect((await t.app.inject({ url: '/v1/me', headers: owner.headers })).json()).toMatchObject({ plan: 'PRO', status: 'active' });
    const billing = (await t.app.inject({ url: '/v1/billing', headers: owner.headers })).json();
    expect(billing).toMatchObject({ enabled: true, plan: 'PRO', subscription_status: 'active', credits_cents: 0 });
    const subscriptions = (await t.app.inject({ url: '/v1/billing/subscriptions', headers: owner.headers })).json();
    expect(subscriptions).toMatchObject({ subscriptions: [{ status: 'active', price_id: PLAN_PRICE, cancel_at_period_end: false }] });
    const purchases = (await t.app.inject({ url: '/v1/billing/purchases', headers: owner.headers })).json();
    expect(purchases).toMatchObject({ purchases: [{ mode: 'subscription', amount_cents: 1_500, checkout_session_id: expect.stringMatching(/^cs_/) }] });
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.tenantId, owner.user.tenant_id));
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['subscription_status_changed', 'entitlement_created']));
    expect(audit.every((row) => row.actorType === 'stripe')).toBe(true);
  });

  it('keeps the audit log append-only', async () => {
    await expect(t.services.db.update(billingAuditLogs).set({ action: 'rewritten' })).rejects.toThrow();
    await expect(t.services.db.delete(billingAuditLogs)).rejects.toThrow();
  });

  it('never shows one tenant another’s purchases or subscriptions', async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const { id } = (await checkout(owner.headers, { mode: 'payment' })).json<{ id: string }>();
    await t.stripe.completeCheckout(id);
    expect((await t.app.inject({ url: '/v1/billing/purchases', headers: owner.headers })).json<{ purchases: unknown[] }>().purchases).toHaveLength(1);
    expect((await t.app.inject({ url: '/v1/billing/purchases', headers: other.headers })).json()).toEqual({ purchases: [] });
    expect((await t.app.inject({ url: '/v1/billing', headers: other.headers })).json()).toMatchObject({ credits_cents: 0 });
  });
});

describe('billing off', () => {
  it('answers 503 billing_disabled on billing routes while casting works', async () => {
    const off = await buildTestApp({ env: { SEED_DEMO_SPELL: 'false' } });
    try {
      const user = await signUp(off.app);
      for (const url of ['/v1/billing/checkout', '/v1/billing/portal', '/webhooks/stripe']) {
        const response = await off.app.inject({ method: 'POST', url, headers: user.headers, payload: { mode: 'payment' } });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ error: 'billing_disabled' });
      }
      expect((await off.app.inject({ url: '/v1/billing', headers: user.headers })).json()).toMatchObject({ enabled: false, plan: 'FREE' });
      await publish(off.app, user, 'priced', exampleSpell('echo'), { price_cents: 7, visibility: 'public' });
      const caster = await signUp(off.app);
      const cast = await off.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: `${user.handle}/priced`, input: 1 } });
      expect(cast.json()).toMatchObject({ output: 1, cost_cents: 7 });
      // A creator's own cast costs only the platform's default (0 here), and earns nothing.
      const own = await off.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: 'priced', input: 1 } });
      expect(own.json()).toMatchObject({ output: 1, cost_cents: 0 });
    } finally {
      await off.close();
    }
  });
});
