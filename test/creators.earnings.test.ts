import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { ledgerTotals } from './helpers/ledger.js';
import { recordTestPayout } from './helpers/payouts.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const DAY = 86_400_000;
const clock = createManualClock();
let t: BillingTestApp;
let creator: SignedUp;
let consumer: SignedUp;
beforeAll(async () => {
  t = await buildBillingApp({ clock });
  creator = await signUp(t.app);
  consumer = await signUp(t.app);
  await publish(t.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 100 });
  await publish(t.app, creator, 'cheap-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 7 });
  const checkout = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: consumer.headers, payload: { mode: 'payment' } });
  await t.stripe.completeCheckout(checkout.json<{ id: string }>().id);
});
afterAll(() => t.close());

const cast = (user: SignedUp, spell: string) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/${spell}`, input: 'x' } });
const earnings = async (user: SignedUp, query = '') => {
  const response = await t.app.inject({ url: `/v1/creator/earnings${query}`, headers: user.headers });
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown> & { by_day: { day: string; casts: number; earned_cents: number }[] }>();
};
const today = () => clock.now().toISOString().slice(0, 10);

describe('creators.earnings', () => {
  it('shows the creator’s share of others’ casts from the books; the creator’s own casts earn nothing', async () => {
    for (let i = 0; i < 3; i += 1) expect((await cast(consumer, 'paid-echo')).statusCode).toBe(200);
    expect((await cast(consumer, 'cheap-echo')).statusCode).toBe(200);
    expect((await cast(creator, 'paid-echo')).statusCode).toBe(200);

    const seen = await earnings(creator);
    // 80% of 100, three times; 80% of 7 rounded down.
    expect(seen).toMatchObject({
      earned_cents: 245,
      pending_cents: 245,
      payable_cents: 0,
      paid_out_cents: 0,
      in_transit_cents: 0,
      balance_cents: 245,
      share_percent: 80,
      currency: 'usd',
      unbilled: null,
      unbilled_cents: 0,
      spells: [
        { spell: `${creator.handle}/paid-echo`, casts: 3, earned_cents: 240 },
        { spell: `${creator.handle}/cheap-echo`, casts: 1, earned_cents: 5 },
      ],
      to: today(),
    });
    expect(seen.by_day).toHaveLength(30);
    expect(seen.by_day.at(-1)).toEqual({ day: today(), casts: 4, earned_cents: 245 });
    expect(seen.by_day.slice(0, -1).every((day) => day.casts === 0 && day.earned_cents === 0)).toBe(true);

    const stats = await t.app.inject({ url: '/v1/spells/paid-echo/stats', headers: creator.headers });
    expect(stats.json()).toMatchObject({ casts: 4, succeeded: 4, earnings_cents: 240 });
    // The consumer earned nothing as a creator.
    expect(await earnings(consumer)).toMatchObject({ earned_cents: 0, balance_cents: 0, spells: [] });
  });

  it('moves earnings from pending to payable after the hold, and payouts from payable to paid out', async () => {
    clock.advance(8 * DAY);
    await releaseHeldEarnings(t.services.db, clock.now());
    expect(await earnings(creator)).toMatchObject({ earned_cents: 245, pending_cents: 0, payable_cents: 245, balance_cents: 245 });
    await recordTestPayout(t.services.db, { tenantId: creator.user.tenant_id, amountCents: 200, now: clock.now() });
    await recordTestPayout(t.services.db, { tenantId: creator.user.tenant_id, amountCents: 40, now: clock.now(), paid: false });
    expect(await earnings(creator)).toMatchObject({ earned_cents: 245, payable_cents: 5, in_transit_cents: 40, paid_out_cents: 200, balance_cents: 5 });
    expect(await ledgerTotals(t.services.db)).toEqual({ sum: 0, mismatchedBalances: 0 });
  });

  it('draws by_day for any range it is asked (to inclusive) and refuses a range upside down or too long', async () => {
    const castDay = new Date(clock.now().getTime() - 8 * DAY).toISOString().slice(0, 10);
    const ranged = await earnings(creator, `?from=${castDay}&to=${castDay}`);
    expect(ranged).toMatchObject({ from: castDay, to: castDay, by_day: [{ day: castDay, casts: 4, earned_cents: 245 }] });
    const upside = await t.app.inject({ url: '/v1/creator/earnings?from=2026-02-02&to=2026-02-01', headers: creator.headers });
    expect(upside.statusCode).toBe(400);
    const long = await t.app.inject({ url: '/v1/creator/earnings?from=2020-01-01&to=2026-01-01', headers: creator.headers });
    expect(long.statusCode).toBe(400);
    for (const impossible of ['2026-02-31', '2026-13-01', '2026-00-10']) {
      const refused = await t.app.inject({ url: `/v1/creator/earnings?from=${impossible}&to=${impossible}`, headers: creator.headers });
      expect(refused.statusCode, impossible).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'validation_failed', issues: [expect.objectContaining({ path: '/from' }), expect.anything()] });
    }
    expect(long.json()).toMatchObject({ error: 'validation_failed' });
  });
});
