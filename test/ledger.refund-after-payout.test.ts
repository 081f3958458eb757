import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castSplits, purchases, spells } from '../src/db/schema.js';
import { checkLedger } from '../src/ledger/checks.js';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { accountBalance } from '../src/ledger/journal.js';
import { PayoutExceedsPayableError } from '../src/ledger/payouts.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { buyCredit, finishPayout, recordPayout, refundPurchase, RULES, settlePaidCast, startPaidCast } from './helpers/money.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

/**
 * A creator paid out, then the payment that funded those casts refunded: the creator's payable
 * goes negative, later earnings net against it, and nothing is paid out until it is positive
 * again. The payouts job is not on this branch: the rule is the ledger's own (`recordPayoutMoney`
 * refuses a payout the payable balance does not cover), tested here with the ledger functions the
 * job calls.
 */
const PRICE = 100; // 80 to the creator, 20 to the platform
const DAY = 86_400_000;
let t: TestApp;
let creator: SignedUp;
let spellId: string;
let now = new Date('2026-04-01T00:00:00Z');
beforeAll(async () => {
  t = await buildTestApp();
  creator = await signUp(t.app);
  await publish(t.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
  const [spell] = await t.services.db.select({ id: spells.id }).from(spells).where(eq(spells.tenantId, creator.user.tenant_id));
  spellId = spell?.id ?? '';
});
afterAll(() => t.close());

const tick = (ms = 60_000) => (now = new Date(now.getTime() + ms));
const payable = () => accountBalance(t.services.db, { kind: 'creator_payable', tenantId: creator.user.tenant_id });
const pending = () => accountBalance(t.services.db, { kind: 'creator_pending', tenantId: creator.user.tenant_id });

async function castsBy(consumer: string, count: number, price = PRICE, spell = spellId): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const castId = await startPaidCast(t.services.db, { tenantId: consumer, priceCents: price, funding: 'credits', now: tick() });
    if (!castId) throw new Error('refused');
    await settlePaidCast(t.services.db, { castId, tenantId: consumer, spellId: spell, priceCents: price, funding: 'credits', succeeded: true, now: tick() });
  }
}

const releaseAll = () => releaseHeldEarnings(t.services.db, tick(RULES.payoutHoldMs + DAY));

describe('ledger.refund-after-payout', () => {
  it('leaves a negative payable after a refund of paid-out earnings, nets the next earnings against it, and pays out only once positive', async () => {
    const first = (await signUp(t.app)).user.tenant_id;
    const purchase = await buyCredit(t.services.db, first, 1_000, tick());
    await castsBy(first, 10);
    await releaseAll();
    expect(await payable()).toBe(800);
    const payout = await recordPayout(t.services.db, creator.user.tenant_id, 800, tick());
    await finishPayout(t.services.db, payout, 'paid', tick());
    expect(await payable()).toBe(0);

    // The consumer's payment is refunded in full after the creator was paid: every cent of it was
    // spent on those ten casts, so their shares come back, 800 from the creator, 200 from the platform.
    await refundPurchase(t.services.db, purchase, { refundedCents: 1_000 }, tick());
    expect(await payable()).toBe(-800);
    expect(await accountBalance(t.services.db, { kind: 'consumer_credit', tenantId: first })).toBe(0);
    const splits = await t.services.db.select().from(castSplits).where(eq(castSplits.consumerTenantId, first));
    expect(splits.every((split) => split.creatorReversedCents === 80 && split.platformReversedCents === 20)).toBe(true);
    expect(await checkLedger(t.services.db)).toEqual([]);

    // Nothing goes out while negative, whatever is asked for.
    for (const cents of [1, 800]) {
      await expect(recordPayout(t.services.db, creator.user.tenant_id, cents, tick())).rejects.toThrow(PayoutExceedsPayableError);
    }
    expect(await payable()).toBe(-800);

    // The next earnings net against it: five casts (400) leave it at -400, still nothing to pay.
    const second = (await signUp(t.app)).user.tenant_id;
    await buyCredit(t.services.db, second, 5_000, tick());
    await castsBy(second, 5);
    expect(await pending()).toBe(400);
    await releaseAll();
    expect(await payable()).toBe(-400);
    await expect(recordPayout(t.services.db, creator.user.tenant_id, 1, tick())).rejects.toThrow(PayoutExceedsPayableError);

    // Ten more (800): 400 payable, which is what may be paid out, and not a cent more.
    await castsBy(second, 10);
    await releaseAll();
    expect(await payable()).toBe(400);
    await expect(recordPayout(t.services.db, creator.user.tenant_id, 401, tick())).rejects.toThrow(PayoutExceedsPayableError);
    const next = await recordPayout(t.services.db, creator.user.tenant_id, 400, tick());
    await finishPayout(t.services.db, next, 'paid', tick());
    expect(await payable()).toBe(0);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('gives a reversed payout back to the creator, so a later refund nets against it rather than going further negative', async () => {
    const consumer = (await signUp(t.app)).user.tenant_id;
    const purchase = await buyCredit(t.services.db, consumer, 500, tick());
    await castsBy(consumer, 5); // 400 to the creator
    await releaseAll();
    const before = await payable();
    const payout = await recordPayout(t.services.db, creator.user.tenant_id, before, tick());
    await finishPayout(t.services.db, payout, 'paid', tick());
    await finishPayout(t.services.db, payout, 'reversed', tick()); // transfer.reversed: the money came back
    expect(await payable()).toBe(before);
    await refundPurchase(t.services.db, purchase, { refundedCents: 250 }, tick()); // half: 200 of the creator's 400
    expect(await payable()).toBe(before - 200);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('takes a refund’s part back from a cast still running: it settles on what is left, or gives back only that; credit never goes below zero', async () => {
    const consumer = (await signUp(t.app)).user.tenant_id;
    const credit = () => accountBalance(t.services.db, { kind: 'consumer_credit', tenantId: consumer });
    const first = await buyCredit(t.services.db, consumer, 60, tick());
    await buyCredit(t.services.db, consumer, 140, tick());
    // Two casts start: the first draws 60 from the first purchase and 40 from the second.
    const succeeding = await startPaidCast(t.services.db, { tenantId: consumer, priceCents: PRICE, funding: 'credits', now: tick() });
    const failing = await startPaidCast(t.services.db, { tenantId: consumer, priceCents: PRICE, funding: 'credits', now: tick() });
    if (!succeeding || !failing) throw new Error('refused');
    const pendingBefore = await pending();

    await refundPurchase(t.services.db, first, { refundedCents: 60 }, tick()); // all of it spent, on the running cast
    expect(await credit()).toBe(0);
    await settlePaidCast(t.services.db, { castId: succeeding, tenantId: consumer, spellId, priceCents: PRICE, funding: 'credits', succeeded: true, now: tick() });
    const [split] = await t.services.db.select().from(castSplits).where(eq(castSplits.castId, succeeding));
    // 60 of its 100 was refunded: apportioned over the creator's 80 and the platform's 20, 48 and 12.
    expect(split).toMatchObject({ priceCents: PRICE, creatorCents: 80, platformCents: 20, creatorReversedCents: 48, platformReversedCents: 12 });
    expect(await pending()).toBe(pendingBefore + 32);

    // A refund of the second purchase while the other cast still runs, then that cast fails.
    const [second] = await t.services.db.select().from(purchases).where(and(eq(purchases.tenantId, consumer), eq(purchases.creditsCents, 140)));
    if (!second) throw new Error('no purchase');
    await refundPurchase(t.services.db, second, { refundedCents: 140 }, tick());
    expect(await credit()).toBe(0);
    await settlePaidCast(t.services.db, { castId: failing, tenantId: consumer, spellId, priceCents: PRICE, funding: 'credits', succeeded: false, now: tick() });
    expect(await credit()).toBe(0); // nothing of it was left to give back
    expect(await accountBalance(t.services.db, { kind: 'consumer_in_flight', tenantId: consumer })).toBe(0);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });

  it('releases a 1-cent cast’s share (0 cents for the creator) without moving money', async () => {
    const consumer = (await signUp(t.app)).user.tenant_id;
    await buyCredit(t.services.db, consumer, 10, tick());
    const before = await payable();
    await castsBy(consumer, 3, 1);
    expect((await releaseAll()).get(creator.user.tenant_id) ?? 0).toBe(0);
    expect(await payable()).toBe(before);
    const splits = await t.services.db.select().from(castSplits).where(eq(castSplits.consumerTenantId, consumer));
    expect(splits.map((split) => [split.status, split.creatorCents, split.platformCents])).toEqual([
      ['payable', 0, 1],
      ['payable', 0, 1],
      ['payable', 0, 1],
    ]);
    expect(await checkLedger(t.services.db)).toEqual([]);
  });
});
