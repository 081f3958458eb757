import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/auth/sessions.js';
import { billingAuditLogs, creatorPayoutAccounts, users } from '../src/db/schema.js';
import { buildTestApp } from './helpers/app.js';
import { buildBillingApp, STRIPE_CONNECT_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET, type BillingTestApp } from './helpers/billing.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

let t: BillingTestApp;
beforeAll(async () => {
  t = await buildBillingApp({ env: { PAYOUT_MINIMUM_CENTS: '700', PAYOUT_HOLD_DAYS: '5' } });
});
afterAll(() => t.close());

async function onboard(creator: SignedUp) {
  return t.app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', headers: creator.headers });
}
async function payoutAccount(creator: SignedUp) {
  return (await t.app.inject({ url: '/v1/creator/payouts/account', headers: creator.headers })).json<{
    enabled: boolean;
    account: { stripe_account_id: string; details_submitted: boolean; payouts_enabled: boolean } | null;
    next_step: string;
    minimum_cents: number;
    hold_days: number;
    currency: string;
  }>();
}

/** Delivers `event` to the Connect endpoint as Stripe would, signed with `secret`. */
async function deliverConnect(event: Record<string, unknown>, secret = STRIPE_CONNECT_WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret });
  return t.app.inject({ method: 'POST', url: '/webhooks/stripe/connect', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
}

describe('payouts.onboarding', () => {
  it('a new creator is told to onboard, with the payout rules', async () => {
    const creator = await signUp(t.app);
    expect(await payoutAccount(creator)).toEqual({ enabled: true, account: null, next_step: 'onboard', minimum_cents: 700, hold_days: 5, currency: 'usd' });
  });

  it('onboarding makes one Express account, links back to the creator page, and account.updated turns payouts on', async () => {
    const creator = await signUp(t.app);
    const first = await onboard(creator);
    expect(first.statusCode).toBe(200);
    const link = first.json<{ url: string; expires_at: string }>();
    expect(link.url).toMatch(new RegExp(`^${t.stripe.url}/connect/onboarding/`));
    expect(new Date(link.expires_at).getTime()).toBeGreaterThan(Date.now());
    const [stored] = [...t.stripe.connect.accountLinks.values()].filter((row) => row.url === link.url);
    expect(stored?.return_url).toBe('http://localhost:8080/creator?onboarding=done');
    expect(stored?.refresh_url).toBe('http://localhost:8080/creator?onboarding=refresh');

    // Asking again (the link expired) reuses the account.
    expect((await onboard(creator)).statusCode).toBe(200);
    const accounts = [...t.stripe.connect.accounts.values()].filter((account) => (account.metadata as { tenant_id?: string }).tenant_id === creator.user.tenant_id);
    expect(accounts).toHaveLength(1);
    const accountId = accounts[0]?.id ?? '';
    expect(await payoutAccount(creator)).toMatchObject({ account: { stripe_account_id: accountId, details_submitted: false, payouts_enabled: false }, next_step: 'finish_onboarding' });

    // The creator clicks through Stripe's form; Stripe tells the Connect endpoint.
    const page = await (await fetch(link.url)).text();
    const action = /action="([^"]+)"/.exec(page)?.[1] ?? '';
    const back = await fetch(new URL(action, t.stripe.url), { method: 'POST', redirect: 'manual' });
    expect(back.headers.get('location')).toBe('http://localhost:8080/creator?onboarding=done');
    expect(t.stripe.connectDeliveries.at(-1)).toMatchObject({ status: 200, event: { type: 'account.updated', account: accountId } });
    expect(await payoutAccount(creator)).toMatchObject({ account: { details_submitted: true, payouts_enabled: true }, next_step: 'none' });
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.action, 'payout_account_updated'));
    expect(audit.some((row) => row.tenantId === creator.user.tenant_id && (row.after as { payouts_enabled: boolean }).payouts_enabled)).toBe(true);
  });

  it('an older account.updated arriving late does not turn payouts back off; a replay is a duplicate', async () => {
    const creator = await signUp(t.app);
    await onboard(creator);
    const [row] = await t.services.db.select().from(creatorPayoutAccounts).where(eq(creatorPayoutAccounts.tenantId, creator.user.tenant_id));
    const accountId = row?.stripeAccountId ?? '';
    const account = t.stripe.connect.accounts.get(accountId) ?? { id: accountId };
    const stale = t.stripe.event('account.updated', { ...account, payouts_enabled: false, details_submitted: false });
    await t.stripe.completeOnboarding(accountId);
    const fresh = t.stripe.connectDeliveries.at(-1);
    expect(fresh?.status).toBe(200);
    const late = await deliverConnect({ ...stale, account: accountId });
    expect(late.json()).toEqual({ received: true, result: 'ignored' });
    expect((await payoutAccount(creator)).account?.payouts_enabled).toBe(true);
    expect((await deliverConnect(fresh?.event ?? {})).json()).toEqual({ received: true, result: 'duplicate' });
  });

  it('refuses an event signed with the account endpoint’s secret, and changes nothing', async () => {
    const creator = await signUp(t.app);
    await onboard(creator);
    const [row] = await t.services.db.select().from(creatorPayoutAccounts).where(eq(creatorPayoutAccounts.tenantId, creator.user.tenant_id));
    const event = { ...t.stripe.event('account.updated', { id: row?.stripeAccountId ?? '', object: 'account', payouts_enabled: true, details_submitted: true }), account: row?.stripeAccountId };
    const refused = await deliverConnect(event, STRIPE_WEBHOOK_SECRET);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_signature' });
    expect((await payoutAccount(creator)).account?.payouts_enabled).toBe(false);
  });

  it('only the owner opens onboarding; a member of the tenant reads the account', async () => {
    const owner = await signUp(t.app);
    const [member] = await t.services.db.insert(users).values({ tenantId: owner.user.tenant_id, role: 'member', email: `member-${Date.now()}@example.com` }).returning();
    if (!member) throw new Error('no member');
    const session = await createSession(t.services.db, { userId: member.id, now: new Date(), ttlMs: 86_400_000 });
    const headers = { authorization: `Bearer ${session.token}` };
    const refused = await t.app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden' });
    expect((await t.app.inject({ url: '/v1/creator/payouts/account', headers })).json()).toMatchObject({ account: null, next_step: 'onboard' });
  });

  it('an API key cannot open onboarding (its form decides where payouts go); it can read the account', async () => {
    const owner = await signUp(t.app);
    const { key } = await createKey(t.app, owner);
    const headers = { authorization: `Bearer ${key}` };
    const refused = await t.app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden' });
    expect(await t.services.db.select().from(creatorPayoutAccounts).where(eq(creatorPayoutAccounts.tenantId, owner.user.tenant_id))).toEqual([]);
    expect((await t.app.inject({ url: '/v1/creator/payouts/account', headers })).statusCode).toBe(200);
  });

  it('from the web app (session cookie) it needs the CSRF token, as every cookie write does', async () => {
    const creator = await signUp(t.app);
    const cookies = { spell_session: creator.token };
    const refused = await t.app.inject({ method: 'POST', url: '/v1/creator/payouts/onboarding', cookies });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'csrf_invalid' });
    const issued = await t.app.inject({ url: '/v1/auth/csrf', cookies });
    const secret = issued.cookies.find((cookie) => cookie.name === 'spell_csrf')?.value ?? '';
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/v1/creator/payouts/onboarding',
      cookies: { ...cookies, spell_csrf: secret },
      headers: { 'x-csrf-token': issued.json<{ csrf_token: string }>().csrf_token },
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('answers 502 when Stripe cannot make the account, and stores nothing', async () => {
    const creator = await signUp(t.app);
    t.stripe.failNext('/v1/accounts', 10, 500);
    const failed = await onboard(creator);
    t.stripe.clearFailures();
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({ error: 'billing_unavailable' });
    expect((await payoutAccount(creator)).account).toBeNull();
  });
});

describe('payouts.onboarding with billing off or no Connect secret', () => {
  it('onboarding answers 503 billing_disabled and the Connect endpoint is off; the account route still answers', async () => {
    const off = await buildTestApp({ env: { SEED_DEMO_SPELL: 'false' } });
    try {
      const user = await signUp(off.app);
      for (const url of ['/v1/creator/payouts/onboarding', '/webhooks/stripe/connect']) {
        const response = await off.app.inject({ method: 'POST', url, headers: user.headers });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ error: 'billing_disabled' });
      }
      const account = await off.app.inject({ url: '/v1/creator/payouts/account', headers: user.headers });
      expect(account.json()).toMatchObject({ enabled: false, account: null, next_step: 'onboard' });
    } finally {
      await off.close();
    }
  });

  it('without STRIPE_CONNECT_WEBHOOK_SECRET the Connect endpoint answers 404', async () => {
    const noConnect = await buildBillingApp({ env: { STRIPE_CONNECT_WEBHOOK_SECRET: '' } });
    try {
      const response = await noConnect.app.inject({ method: 'POST', url: '/webhooks/stripe/connect', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, payload: '{}' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found' });
    } finally {
      await noConnect.close();
    }
  });
});
