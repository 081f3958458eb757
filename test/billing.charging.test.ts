import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchMeterEvents } from '../src/billing/meter.js';
import { meterEvents } from '../src/db/schema.js';
import { entriesOf, ledgerTotals } from './helpers/ledger.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const PRICE = 100; // the small pack (1000 cents of credit) pays for exactly ten casts
let t: BillingTestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildBillingApp();
  creator = await signUp(t.app);
  await publish(t.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
  await publish(t.app, creator, 'paid-trap', exampleSpell('trap'), { visibility: 'public', price_cents: PRICE });
  await publish(t.app, creator, 'free-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 0 });
});
afterAll(() => t.close());

const cast = (user: SignedUp, spell: string) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/${spell}`, input: 'x' } });
const balance = async (user: SignedUp) =>
  (await t.app.inject({ url: '/v1/billing', headers: user.headers })).json<{ credits_cents: number }>().credits_cents;

async function buy(user: SignedUp, mode: 'payment' | 'subscription'): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: user.headers, payload: { mode } });
  await t.stripe.completeCheckout(response.json<{ id: string }>().id);
}

describe('billing.charging', () => {
  it('refuses a paid cast without credit before running it (402 insufficient_credits); free casts go on', async () => {
    const user = await signUp(t.app);
    const refused = await cast(user, 'paid-echo');
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({ error: 'insufficient_credits', balance_cents: 0, price_cents: PRICE });
    expect((await cast(user, 'free-echo')).statusCode).toBe(200);
    const history = (await t.app.inject({ url: '/v1/casts', headers: user.headers })).json<{ casts: { spell: string }[] }>();
    expect(history.casts.map((row) => row.spell)).toEqual([`${creator.handle}/free-echo`]);
  });

  it('draws a credit pack down to exactly zero under 30 concurrent casts, then refuses', async () => {
    const user = await signUp(t.app);
    await buy(user, 'payment');
    expect(await balance(user)).toBe(1_000);
    const responses = await Promise.all(Array.from({ length: 30 }, () => cast(user, 'paid-echo')));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 402)).toHaveLength(20);
    expect(await balance(user)).toBe(0);
    const ledger = await entriesOf(t.services.db, user.user.tenant_id);
    expect(ledger.filter((row) => row.kind === 'cast_charge')).toHaveLength(10);
    expect(ledger.reduce((sum, row) => sum + row.amountCents, 0)).toBe(0);
    expect(await ledgerTotals(t.services.db)).toEqual({ sum: 0, mismatchedBalances: 0 });
    expect((await cast(user, 'paid-echo')).json()).toMatchObject({ error: 'insufficient_credits', balance_cents: 0 });
  });

  it('gives a failed paid cast’s charge back', async () => {
    const user = await signUp(t.app);
    await buy(user, 'payment');
    expect((await cast(user, 'paid-trap')).statusCode).toBe(422);
    expect(await balance(user)).toBe(1_000);
    const ledger = await entriesOf(t.services.db, user.user.tenant_id);
    expect(ledger.map((row) => [row.kind, row.amountCents]).sort()).toEqual([['cast_charge', -PRICE], ['credit_purchase', 1_000], ['cast_refund', PRICE]].sort());
  });

  it('reports a plan tenant’s paid casts to Stripe once each, even when Stripe fails the first attempts', async () => {
    const user = await signUp(t.app);
    await buy(user, 'subscription');
    const castIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await cast(user, 'paid-echo');
      expect(response.json()).toMatchObject({ cost_cents: PRICE });
      castIds.push(response.json<{ cast_id: string }>().cast_id);
    }
    expect((await cast(user, 'paid-trap')).statusCode).toBe(422); // failed: nothing to report
    expect(await balance(user)).toBe(0); // the plan pays, not credit

    // More failures than the SDK's own retries: the first dispatch fails and keeps the events.
    t.stripe.failNext('/v1/billing/meter_events', 3 * castIds.length);
    expect(await dispatchMeterEvents(t.services)).toMatchObject({ sent: 0, failed: 4 });
    const pending = await t.services.db.select().from(meterEvents).where(eq(meterEvents.tenantId, user.user.tenant_id));
    expect(pending.every((row) => row.sentAt === null && row.lastError !== null)).toBe(true);

    t.stripe.clearFailures();
    await t.services.db.update(meterEvents).set({ nextAttemptAt: new Date(0) }).where(eq(meterEvents.tenantId, user.user.tenant_id));
    expect(await dispatchMeterEvents(t.services)).toMatchObject({ sent: 4, failed: 0 });
    expect(await dispatchMeterEvents(t.services)).toMatchObject({ sent: 0, failed: 0 });

    const reported = [...t.stripe.meterEvents.values()].filter((event) => castIds.includes(String(event.identifier)));
    expect(reported.map((event) => event.identifier).sort()).toEqual([...castIds].sort());
    expect(reported.every((event) => (event.payload as { value: string }).value === String(PRICE))).toBe(true);
  });

  it('treats Stripe’s "identifier already exists" as delivered (an earlier answer was lost)', async () => {
    const user = await signUp(t.app);
    await buy(user, 'subscription');
    const { cast_id: castId } = (await cast(user, 'paid-echo')).json<{ cast_id: string }>();
    // Stripe accepted the event, but the platform never heard back.
    t.stripe.meterEvents.set(castId, { id: castId, identifier: castId });
    expect(await dispatchMeterEvents(t.services)).toMatchObject({ sent: 1, failed: 0 });
    const [row] = await t.services.db.select().from(meterEvents).where(eq(meterEvents.castId, castId));
    expect(row?.sentAt).not.toBeNull();
  });
});
