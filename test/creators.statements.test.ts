import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildBillingApp, type BillingTestApp } from './helpers/billing.js';
import { recordTestPayout } from './helpers/payouts.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const DAY = 86_400_000;
const clock = createManualClock(new Date('2026-04-10T12:00:00Z'));
let t: BillingTestApp;
let creator: SignedUp;
let consumer: SignedUp;
let stranger: SignedUp;
const payoutIds: string[] = [];
beforeAll(async () => {
  t = await buildBillingApp({ clock });
  [creator, consumer, stranger] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
  await publish(t.app, creator, 'csv-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 50 });
  const checkout = await t.app.inject({ method: 'POST', url: '/v1/billing/checkout', headers: consumer.headers, payload: { mode: 'payment' } });
  await t.stripe.completeCheckout(checkout.json<{ id: string }>().id);
  const cast = () => t.app.inject({ method: 'POST', url: '/v1/cast', headers: consumer.headers, payload: { spell: `${creator.handle}/csv-echo`, input: 1 } });
  expect((await cast()).statusCode).toBe(200);
  expect((await cast()).statusCode).toBe(200);
  clock.advance(DAY);
  expect((await cast()).statusCode).toBe(200);
  clock.advance(8 * DAY);
  await releaseHeldEarnings(t.services.db, clock.now());
  for (const cents of [30, 40, 50]) {
    clock.advance(1_000);
    payoutIds.push(await recordTestPayout(t.services.db, { tenantId: creator.user.tenant_id, amountCents: cents, now: clock.now(), paid: cents !== 50 }));
  }
});
afterAll(() => t.close());

interface PayoutPage {
  payouts: { id: string; amount_cents: number; status: string; currency: string; stripe_transfer_id: string | null; paid_at: string | null }[];
  next_cursor: string | null;
}

describe('creators.statements', () => {
  it('lists the creator’s payouts newest first, a page at a time', async () => {
    const first = await t.app.inject({ url: '/v1/creator/payouts?limit=2', headers: creator.headers });
    expect(first.statusCode).toBe(200);
    const page = first.json<PayoutPage>();
    expect(page.payouts.map((payout) => [payout.amount_cents, payout.status])).toEqual([
      [50, 'pending'],
      [40, 'paid'],
    ]);
    expect(page.payouts[1]).toMatchObject({ currency: 'usd', stripe_transfer_id: expect.stringMatching(/^tr_/), paid_at: expect.any(String), failure_message: null });
    expect(page.next_cursor).toEqual(expect.any(String));
    const next = await t.app.inject({ url: `/v1/creator/payouts?limit=2&cursor=${page.next_cursor ?? ''}`, headers: creator.headers });
    expect(next.json<PayoutPage>()).toMatchObject({ payouts: [{ id: payoutIds[0], amount_cents: 30 }], next_cursor: null });
  });

  it('gives a month’s statement as CSV: a line per day and spell, the payouts, the totals', async () => {
    const response = await t.app.inject({ url: '/v1/creator/statements/2026-04', headers: creator.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="spell-statement-${creator.handle}-2026-04.csv"`);
    const spell = `${creator.handle}/csv-echo`;
    expect(response.body.split('\r\n')).toEqual([
      'line,date,spell,casts,gross_cents,share_percent,earned_cents,refunded_cents,net_cents,payout_id,payout_status,payout_cents,currency',
      `earning,2026-04-10,${spell},2,100,80,80,0,80,,,,usd`,
      `earning,2026-04-11,${spell},1,50,80,40,0,40,,,,usd`,
      `payout,2026-04-19,,,,,,,,${payoutIds[0]},paid,30,usd`,
      `payout,2026-04-19,,,,,,,,${payoutIds[1]},paid,40,usd`,
      `payout,2026-04-19,,,,,,,,${payoutIds[2]},pending,50,usd`,
      'total,2026-04,,3,150,,120,0,120,,,70,usd',
      '',
    ]);
    const empty = await t.app.inject({ url: '/v1/creator/statements/2026-03', headers: creator.headers });
    expect(empty.body).toBe(
      'line,date,spell,casts,gross_cents,share_percent,earned_cents,refunded_cents,net_cents,payout_id,payout_status,payout_cents,currency\r\ntotal,2026-03,,0,0,,0,0,0,,,0,usd\r\n',
    );
    const bad = await t.app.inject({ url: '/v1/creator/statements/2026-13', headers: creator.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('shows another tenant none of it: its own empty earnings, payouts and statement', async () => {
    const earnings = await t.app.inject({ url: '/v1/creator/earnings', headers: stranger.headers });
    expect(earnings.json()).toMatchObject({ earned_cents: 0, paid_out_cents: 0, balance_cents: 0, spells: [] });
    const payouts = await t.app.inject({ url: '/v1/creator/payouts', headers: stranger.headers });
    expect(payouts.json()).toEqual({ payouts: [], next_cursor: null });
    const statement = await t.app.inject({ url: '/v1/creator/statements/2026-04', headers: stranger.headers });
    expect(statement.body).not.toContain(creator.handle);
    expect(statement.body).not.toContain(payoutIds[0]);
    expect(statement.headers['content-disposition']).toContain(stranger.handle);
    expect((await t.app.inject({ url: '/v1/creator/payouts' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/creator/statements/2026-04' })).statusCode).toBe(401);
  });
});
