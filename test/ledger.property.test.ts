import fc from 'fast-check';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundShare } from '../src/billing/purchases.js';
import { castSplits, ledgerAccounts, purchases, spells, tenants } from '../src/db/schema.js';
import type { CastFunding } from '../src/db/values.js';
import { checkLedger } from '../src/ledger/checks.js';
import { fundInvoicedCasts, releaseHeldEarnings } from '../src/ledger/earnings.js';
import { accountBalance } from '../src/ledger/journal.js';
import { PayoutExceedsPayableError } from '../src/ledger/payouts.js';
import { splitPrice } from '../src/ledger/shares.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import {
  brokenJournalsAndSplits,
  buyCredit,
  finishPayout,
  recordPayout,
  refundPurchase,
  RULES,
  settlePaidCast,
  startPaidCast,
  type Payout,
  type Purchase,
} from './helpers/money.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

/**
 * Random sequences of what moves money — paid casts (several consumers and creators, own casts,
 * prices 0–500, share overrides 0–100, credit or a plan's invoice, succeeded or failed, some still
 * running while others happen), credit purchases, refunds (full and partial) and lost disputes,
 * invoices paid, holds released, payouts recorded, paid, failed and reversed — and after every
 * step the books hold. The runs share one database (creators and the platform's accounts carry
 * over; consumers are new each run), so a shrunk counterexample may need the runs before it:
 * replay a failure with LEDGER_PROPERTY_SEED, and LEDGER_PROPERTY_RUNS runs more.
 */

const CREATORS = 3;
const CONSUMERS = 2; // plus the creators themselves, whose own casts pay only the platform
let t: TestApp;
let creatorIds: string[] = [];
let casterIds: string[] = [];
let spellIds: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  const creators = await Promise.all(Array.from({ length: CREATORS }, () => signUp(t.app)));
  for (const creator of creators) await publish(t.app, creator, 'ledger-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 1 });
  creatorIds = creators.map((creator) => creator.user.tenant_id);
  casterIds = creators.map((user) => user.user.tenant_id);
  const rows = await t.services.db.select({ id: spells.id, tenantId: spells.tenantId }).from(spells).where(inArray(spells.tenantId, creatorIds));
  spellIds = creatorIds.map((tenantId) => rows.find((row) => row.tenantId === tenantId)?.id ?? '');
});
afterAll(() => t.close());

type Step =
  | { kind: 'buy'; caster: number; cents: number }
  | { kind: 'cast'; caster: number; creator: number; price: number; invoice: boolean; succeeded: boolean; later: boolean }
  | { kind: 'settle'; index: number }
  | { kind: 'share'; creator: number; percent: number | null }
  | { kind: 'refund'; purchase: number; fraction: number }
  | { kind: 'dispute'; purchase: number }
  | { kind: 'invoice'; caster: number }
  | { kind: 'release'; days: number }
  | { kind: 'payout'; creator: number; cents: number | 'all' }
  | { kind: 'finish'; payout: number; outcome: 'paid' | 'failed' | 'reversed' };

const index = (size: number) => fc.integer({ min: 0, max: size - 1 });
// Most steps are the first consumer's, so its purchases, casts (some still running) and refunds meet.
const caster = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: index(CONSUMERS + CREATORS), weight: 2 });
const weighted = (weight: number, arbitrary: fc.Arbitrary<Step>) => ({ weight, arbitrary });
const step: fc.Arbitrary<Step> = fc.oneof(
  weighted(3, fc.record({ kind: fc.constant('buy' as const), caster, cents: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 3_000 })) })),
  weighted(
    5,
    fc.record({
      kind: fc.constant('cast' as const),
      caster,
      creator: index(CREATORS),
      price: fc.integer({ min: 0, max: 500 }),
      invoice: fc.boolean(),
      succeeded: fc.boolean(),
      later: fc.boolean(),
    }),
  ),
  weighted(3, fc.record({ kind: fc.constant('cast' as const), caster, creator: index(CREATORS), price: fc.integer({ min: 0, max: 500 }), invoice: fc.constant(false), succeeded: fc.constant(true), later: fc.constant(false) })),
  weighted(2, fc.record({ kind: fc.constant('settle' as const), index: fc.nat() })),
  weighted(1, fc.record({ kind: fc.constant('share' as const), creator: index(CREATORS), percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) })),
  weighted(3, fc.record({ kind: fc.constant('refund' as const), purchase: fc.nat(), fraction: fc.double({ min: 0.01, max: 1, noNaN: true }) })),
  weighted(1, fc.record({ kind: fc.constant('dispute' as const), purchase: fc.nat() })),
  weighted(1, fc.record({ kind: fc.constant('invoice' as const), caster })),
  weighted(2, fc.record({ kind: fc.constant('release' as const), days: fc.integer({ min: 0, max: 10 }) })),
  weighted(2, fc.record({ kind: fc.constant('payout' as const), creator: index(CREATORS), cents: fc.oneof(fc.constant('all' as const), fc.integer({ min: 1, max: 2_000 })) })),
  weighted(2, fc.record({ kind: fc.constant('finish' as const), payout: fc.nat(), outcome: fc.constantFrom('paid' as const, 'failed' as const, 'reversed' as const) })),
);

interface Running {
  castId: string;
  caster: number;
  creator: number;
  price: number;
  funding: CastFunding;
  succeeded: boolean;
}

/** One run's own state: what it bought, what is still running, what it paid out, and the share each split must have. */
interface World {
  now: Date;
  purchases: Purchase[];
  refunded: Map<string, number>;
  running: Running[];
  payouts: Payout[];
  shares: (number | null)[];
  expectedCreatorCents: Map<string, number>;
}

const payable = (tenantId: string) => accountBalance(t.services.db, { kind: 'creator_payable', tenantId });

async function apply(world: World, next: Step): Promise<void> {
  const db = t.services.db;
  world.now = new Date(world.now.getTime() + 60_000);
  const { now } = world;
  switch (next.kind) {
    case 'buy': {
      world.purchases.push(await buyCredit(db, casterIds[next.caster] ?? '', next.cents, now));
      return;
    }
    case 'cast': {
      const tenantId = casterIds[next.caster] ?? '';
      const funding: CastFunding = next.invoice ? 'invoice' : 'credits';
      const before = await accountBalance(db, { kind: 'consumer_credit', tenantId });
      const castId = await startPaidCast(db, { tenantId, priceCents: next.price, funding, now });
      if (castId === null) {
        expect(before).toBeLessThan(next.price); // refused only when credit does not cover the price
        return;
      }
      const cast = { castId, caster: next.caster, creator: next.creator, price: next.price, funding, succeeded: next.succeeded };
      if (next.later) world.running.push(cast);
      else await settle(world, cast);
      return;
    }
    case 'settle': {
      const [cast] = world.running.splice(next.index % Math.max(1, world.running.length), 1);
      if (cast) await settle(world, cast);
      return;
    }
    case 'share': {
      world.shares[next.creator] = next.percent;
      await db.update(tenants).set({ creatorSharePercent: next.percent }).where(eq(tenants.id, creatorIds[next.creator] ?? ''));
      return;
    }
    case 'refund':
    case 'dispute': {
      const purchase = world.purchases[next.purchase % Math.max(1, world.purchases.length)];
      if (!purchase) return;
      const [row] = await db.select().from(purchases).where(eq(purchases.id, purchase.id));
      if (!row) throw new Error('purchase vanished');
      const credit = () => accountBalance(db, { kind: 'consumer_credit', tenantId: row.tenantId });
      const before = await credit();
      let target = row.creditsCents;
      if (next.kind === 'dispute') {
        await refundPurchase(db, purchase, 'dispute_lost', now);
      } else {
        // A later refund of the same charge adds to what was refunded before.
        const amount = row.amountCents ?? 0;
        const refunded = Math.min(amount, (world.refunded.get(row.id) ?? 0) + Math.max(1, Math.round(amount * next.fraction)));
        world.refunded.set(row.id, refunded);
        target = refundShare(row.creditsCents, refunded, amount, refunded >= amount);
        await refundPurchase(db, purchase, { refundedCents: refunded }, now);
      }
      // The consumer's credit loses exactly the purchase's credit not yet spent (up to what is taken
      // back); what was spent comes back from the casts it paid for, settled or still running.
      const delta = Math.max(0, target - row.creditsReversedCents);
      const unspent = Math.max(0, row.creditsCents - row.creditsReversedCents - row.creditsDrawnCents);
      expect(before - (await credit())).toBe(Math.min(delta, unspent));
      return;
    }
    case 'invoice': {
      await db.transaction((tx) => fundInvoicedCasts(tx, { tenantId: casterIds[next.caster] ?? '', invoiceId: `in_${now.getTime()}`, periodEnd: now, now, holdMs: RULES.payoutHoldMs }));
      return;
    }
    case 'release': {
      world.now = new Date(now.getTime() + next.days * 86_400_000);
      await releaseHeldEarnings(db, world.now);
      return;
    }
    case 'payout': {
      const tenantId = creatorIds[next.creator] ?? '';
      const balance = await payable(tenantId);
      const cents = next.cents === 'all' ? balance : next.cents;
      if (cents <= 0) return; // nothing to ask for
      try {
        world.payouts.push(await recordPayout(db, tenantId, cents, now));
        expect(balance).toBeGreaterThanOrEqual(cents); // never more than payable, never from a negative balance
      } catch (error) {
        if (!(error instanceof PayoutExceedsPayableError)) throw error;
        expect(balance).toBeLessThan(cents);
        expect(await payable(tenantId)).toBe(balance); // refused, nothing moved
      }
      return;
    }
    case 'finish': {
      const payout = world.payouts[next.payout % Math.max(1, world.payouts.length)];
      if (!payout) return;
      const wanted = next.outcome === 'reversed' ? 'paid' : 'pending';
      if (payout.status !== wanted) return;
      await finishPayout(db, payout, next.outcome, now);
      payout.status = next.outcome;
      return;
    }
  }
}

async function settle(world: World, cast: Running): Promise<void> {
  const tenantId = casterIds[cast.caster] ?? '';
  const creatorId = creatorIds[cast.creator] ?? '';
  await settlePaidCast(t.services.db, { castId: cast.castId, tenantId, spellId: spellIds[cast.creator] ?? '', priceCents: cast.price, funding: cast.funding, succeeded: cast.succeeded, now: world.now });
  if (!cast.succeeded || cast.price === 0) return;
  const own = tenantId === creatorId;
  const percent = own ? 0 : (world.shares[cast.creator] ?? RULES.creatorSharePercent);
  world.expectedCreatorCents.set(cast.castId, splitPrice(cast.price, percent).creatorCents);
}

/** The invariants, after every step. */
async function expectBooksHold(world: World): Promise<void> {
  const db = t.services.db;
  expect(await checkLedger(db)).toEqual([]);
  expect(await brokenJournalsAndSplits(db)).toEqual({ journals: 0, splits: 0 });
  const negativeCredit = await db.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.kind, 'consumer_credit'), lt(ledgerAccounts.balanceCents, 0)));
  expect(negativeCredit).toEqual([]);
  const castIds = [...world.expectedCreatorCents.keys()];
  if (castIds.length > 0) {
    const splits = await db.select({ castId: castSplits.castId, creatorCents: castSplits.creatorCents, creatorTenantId: castSplits.creatorTenantId }).from(castSplits).where(inArray(castSplits.castId, castIds));
    expect(Object.fromEntries(splits.map((split) => [split.castId, split.creatorCents]))).toEqual(Object.fromEntries(world.expectedCreatorCents));
  }
}

describe('ledger.property', () => {
  it('keeps every invariant through random casts, purchases, refunds, disputes, releases and payouts', async () => {
    let start = new Date('2026-01-01T00:00:00Z').getTime();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40, size: '+1' }), async (steps) => {
        start += 365 * 86_400_000; // each run in its own year: earlier runs' holds are all over
        const world: World = { now: new Date(start), purchases: [], refunded: new Map(), running: [], payouts: [], shares: creatorIds.map(() => null), expectedCreatorCents: new Map() };
        await t.services.db.update(tenants).set({ creatorSharePercent: null }).where(inArray(tenants.id, creatorIds));
        // Fresh consumers each run, so no credit left from earlier runs hides one going below zero.
        const consumers = await Promise.all(Array.from({ length: CONSUMERS }, () => signUp(t.app)));
        casterIds = [...consumers.map((user) => user.user.tenant_id), ...creatorIds];
        for (const next of steps) {
          await apply(world, next);
          await expectBooksHold(world);
        }
        // Whatever was still running ends, and the books still hold.
        for (const cast of world.running.splice(0)) await settle(world, cast);
        await expectBooksHold(world);
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 50), seed: Number(process.env.LEDGER_PROPERTY_SEED ?? Date.now() % 2_147_483_647) },
    );
  }, 120_000);
});
