import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireStaleCasts } from '../src/casts/lifecycle.js';
import { castSplits, tenants } from '../src/db/schema.js';
import { checkLedger } from '../src/ledger/checks.js';
import { accountBalance } from '../src/ledger/journal.js';
import { splitPrice } from '../src/ledger/shares.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { billingEnv, startStripeStandIn } from './helpers/billing.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { ledgerTotals } from './helpers/ledger.js';
import { buyCredit, refundPurchase } from './helpers/money.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';
import type { StripeStandIn } from './stand-ins/stripe.js';

/**
 * 1,000 paid casts at once, spread over two instances of one deployment on PostgreSQL: many
 * consumers casting several creators' priced spells (each creator with their own share), creators
 * casting their own spells (they pay the platform's default cost and earn nothing), spells that
 * fail (their charge comes back), consumers whose credit runs out midway. Every cent lands exactly.
 */
const OWN_CAST_CENTS = 2; // COST_PER_CAST_CENTS: what a creator's own cast costs them
const CREATORS = [
  { price: 7, share: null }, // the default, 80 %
  { price: 33, share: 55 },
  { price: 99, share: 0 },
  { price: 250, share: 100 },
] as const;
const TRAP_PRICE = 50;
const CONSUMERS = 24;
const CASTS_PER_CONSUMER = 38;
const OWN_CASTS_PER_CREATOR = 22; // 24 × 38 + 4 × 22 = 1,000

const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

describe.runIf(onPostgres)('ledger.concurrency (PostgreSQL, two instances)', () => {
  let stripe: StripeStandIn;
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  let creators: SignedUp[] = [];
  let consumers: SignedUp[] = [];
  const credit = new Map<string, number>();
  const limited = new Set<string>();

  beforeAll(async () => {
    stripe = await startStripeStandIn();
    database = await createTestDatabase();
    const shared = {
      database,
      redisKeyPrefix: `ledger:${Date.now()}:`,
      env: { ...billingEnv(stripe), COST_PER_CAST_CENTS: String(OWN_CAST_CENTS), SPELL_WORKERS: '2', SPELL_QUEUE_MAX: '100000', SPELL_TENANT_MAX_QUEUED: '100000', SPELL_DEFAULT_TIMEOUT_MS: '120000' },
    };
    first = await buildTestApp(shared);
    second = await buildTestApp(shared);
    creators = await Promise.all(CREATORS.map(() => signUp(first.app)));
    consumers = await Promise.all(Array.from({ length: CONSUMERS }, () => signUp(second.app)));
    for (const [index, creator] of creators.entries()) {
      const spec = CREATORS[index];
      if (!spec) continue;
      await publish(first.app, creator, 'echo', exampleSpell('echo'), { visibility: 'public', price_cents: spec.price });
      await first.services.db.update(tenants).set({ creatorSharePercent: spec.share }).where(eq(tenants.id, creator.user.tenant_id));
    }
    await publish(first.app, creators[0] as SignedUp, 'trap', exampleSpell('trap'), { visibility: 'public', price_cents: TRAP_PRICE });
    // Most consumers can pay for everything they try; every fourth runs out of credit midway.
    for (const [index, user] of [...consumers, ...creators].entries()) {
      const cents = index < CONSUMERS && index % 4 === 3 ? 600 : 20_000;
      await buyCredit(first.services.db, user.user.tenant_id, cents, new Date());
      credit.set(user.user.tenant_id, cents);
      if (cents < 20_000) limited.add(user.user.tenant_id);
    }
  }, 120_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
    await stripe?.close();
  });

  it('settles 1,000 concurrent paid casts exactly: creators’ pending, platform revenue, consumers’ credit, a ledger that sums to zero', async () => {
    type Planned = { caster: SignedUp; creator: number; spell: 'echo' | 'trap' };
    const planned: Planned[] = [];
    for (const [index, consumer] of consumers.entries()) {
      for (let i = 0; i < CASTS_PER_CONSUMER; i += 1) {
        const creator = (index + i) % CREATORS.length;
        planned.push({ caster: consumer, creator, spell: creator === 0 && i % 9 === 0 ? 'trap' : 'echo' });
      }
    }
    for (const [index, creator] of creators.entries()) {
      for (let i = 0; i < OWN_CASTS_PER_CREATOR; i += 1) planned.push({ caster: creator, creator: i % 3 === 0 ? (index + 1) % CREATORS.length : index, spell: 'echo' });
    }
    expect(planned).toHaveLength(1_000);

    const castOnce = (cast: Planned, index: number) =>
      (index % 2 ? first : second).app.inject({
        method: 'POST',
        url: '/v1/cast',
        headers: cast.caster.headers,
        payload: { spell: `${creators[cast.creator]?.handle}/${cast.spell}`, input: index },
      });
    // All 1,000 at once. On a machine too loaded to hand out a database connection within 5 s, some
    // are refused with 503; those are sent again (all at once, up to four more rounds), as a client
    // told "try again shortly" would.
    const responses = await Promise.all(planned.map(castOnce));
    let refused = 0; // 503s over all rounds
    for (let round = 0; round < 4; round += 1) {
      const again = responses.flatMap((response, index) => (response.statusCode === 503 ? [index] : []));
      refused += again.length;
      if (again.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const retried = await Promise.all(again.map((index) => castOnce(planned[index] as Planned, index)));
      for (const [position, index] of again.entries()) responses[index] = retried[position] as (typeof responses)[number];
    }
    const statuses = new Map<number, number>();
    for (const response of responses) statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    // A cast refused with 503 (service_unavailable, database) after it started stays running until
    // the reconciler expires it and gives its charge back, which is done here at once. Either way it
    // must leave no money behind, and the books below count only what answered 200.
    const unavailable = responses.filter((response) => response.statusCode === 503);
    expect(unavailable.every((response) => response.json<{ error: string; reason: string }>().reason === 'database')).toBe(true);
    const expired = await expireStaleCasts(first.services.db, new Date(Date.now() + 86_400_000));
    expect(expired).toBeLessThanOrEqual(refused + unavailable.length);
    const unexpected = responses.filter((response) => ![200, 402, 422, 503].includes(response.statusCode)).map((response) => `${response.statusCode} ${response.body}`);
    expect(unexpected).toEqual([]);

    // What the answers say, worked out here rather than read back from the database.
    const expectedPending = new Map<string, number>();
    const spent = new Map<string, number>();
    let charged = 0;
    let toCreators = 0;
    for (const [index, response] of responses.entries()) {
      const cast = planned[index] as Planned;
      // Only a consumer whose credit ran out is refused; only the trap fails.
      if (response.statusCode === 402) expect(limited.has(cast.caster.user.tenant_id) && response.json<{ error: string }>().error).toBe('insufficient_credits');
      if (response.statusCode === 422) expect(cast.spell).toBe('trap');
      if (response.statusCode !== 200) continue;
      const creator = creators[cast.creator] as SignedUp;
      const own = creator.user.tenant_id === cast.caster.user.tenant_id;
      const price = own ? OWN_CAST_CENTS : (CREATORS[cast.creator]?.price ?? 0);
      expect(response.json()).toMatchObject({ cost_cents: price });
      const share = own ? 0 : (CREATORS[cast.creator]?.share ?? 80);
      const { creatorCents } = splitPrice(price, share);
      if (!own) expectedPending.set(creator.user.tenant_id, (expectedPending.get(creator.user.tenant_id) ?? 0) + creatorCents);
      spent.set(cast.caster.user.tenant_id, (spent.get(cast.caster.user.tenant_id) ?? 0) + price);
      charged += price;
      toCreators += own ? 0 : creatorCents;
    }
    expect(statuses.get(200)).toBeGreaterThan(unavailable.length > 0 ? 100 : 700);
    // The well-funded paid for every echo they cast (unless the database was out of reach).
    expect(responses.filter((response, index) => planned[index]?.spell === 'echo' && !limited.has(planned[index]?.caster.user.tenant_id ?? '') && ![200, 503].includes(response.statusCode))).toEqual([]);

    const db = first.services.db;
    for (const creator of creators) {
      expect(await accountBalance(db, { kind: 'creator_pending', tenantId: creator.user.tenant_id })).toBe(expectedPending.get(creator.user.tenant_id) ?? 0);
    }
    expect(await accountBalance(db, { kind: 'platform_revenue' })).toBe(charged - toCreators);
    for (const user of [...consumers, ...creators]) {
      const tenantId = user.user.tenant_id;
      expect(await accountBalance(db, { kind: 'consumer_credit', tenantId })).toBe((credit.get(tenantId) ?? 0) - (spent.get(tenantId) ?? 0));
      expect(await accountBalance(db, { kind: 'consumer_in_flight', tenantId })).toBe(0);
    }
    // Own casts earn their creator nothing: their splits name no creator.
    const ownSplits = await db.select().from(castSplits).where(inArray(castSplits.consumerTenantId, creators.map((creator) => creator.user.tenant_id)));
    expect(ownSplits.filter((split) => split.creatorTenantId === split.consumerTenantId)).toEqual([]);
    expect(await ledgerTotals(db)).toEqual({ sum: 0, mismatchedBalances: 0 });
    expect(await checkLedger(db)).toEqual([]);
  }, 300_000);

  it('keeps the books through refunds and lost disputes landing while the purchases’ casts run', async () => {
    const consumer = await signUp(second.app);
    const tenantId = consumer.user.tenant_id;
    const db = first.services.db;
    const bought = [];
    for (let i = 0; i < 6; i += 1) bought.push(await buyCredit(db, tenantId, 1_000, new Date(Date.now() + i)));
    const casts = Array.from({ length: 200 }, (_, index) =>
      (index % 2 ? first : second).app.inject({
        method: 'POST',
        url: '/v1/cast',
        headers: consumer.headers,
        payload: { spell: `${creators[index % CREATORS.length]?.handle}/echo`, input: index },
      }),
    );
    // Refunds (full and partial) and a lost dispute, each as its own webhook's transaction would be.
    const reversals = bought.map(async (purchase, index) => {
      await new Promise((resolve) => setTimeout(resolve, 20 * index));
      if (index === 5) return refundPurchase(db, purchase, 'dispute_lost', new Date());
      return refundPurchase(db, purchase, { refundedCents: index % 2 ? 1_000 : 400 }, new Date());
    });
    const [responses] = await Promise.all([Promise.all(casts), Promise.all(reversals)]);
    const unavailable = responses.filter((response) => response.statusCode === 503).length;
    expect(responses.filter((response) => ![200, 402, 503].includes(response.statusCode)).map((response) => response.body)).toEqual([]);
    await expireStaleCasts(db, new Date(Date.now() + 86_400_000));
    // How many casts win the race against the refunds varies with load; that some do is certain
    // (credit stays after every refund), and the books must hold whatever the interleaving.
    const succeeded = responses.filter((response) => response.statusCode === 200).length;
    if (unavailable < responses.length) expect(succeeded).toBeGreaterThan(0);
    expect(await accountBalance(db, { kind: 'consumer_credit', tenantId })).toBeGreaterThanOrEqual(0);
    expect(await accountBalance(db, { kind: 'consumer_in_flight', tenantId })).toBe(0);
    expect(await ledgerTotals(db)).toEqual({ sum: 0, mismatchedBalances: 0 });
    expect(await checkLedger(db)).toEqual([]);
  }, 300_000);
});
