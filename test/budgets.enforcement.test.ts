import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetEvents, casts } from '../src/db/schema.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const PRICE = 5;
const clock = createManualClock(new Date('2026-03-10T12:00:00Z'));
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let creator: SignedUp;

beforeAll(async () => {
  // Two instances of the same deployment: one database, one Redis namespace (when REDIS_URL is set).
  database = await createTestDatabase();
  const shared = { database, clock, redisKeyPrefix: `budget:${Date.now()}:`, env: { SPELL_WORKERS: '2' } };
  first = await buildTestApp(shared);
  second = await buildTestApp(shared);
  creator = await signUp(first.app);
  await publish(first.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
  await publish(first.app, creator, 'free-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 0 });
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

async function consumerWithBudget(budget: { period?: string; soft_limit_cents: number; hard_limit_cents: number }) {
  const consumer = await signUp(first.app);
  const response = await first.app.inject({
    method: 'POST',
    url: '/v1/budgets',
    headers: consumer.headers,
    payload: { period: 'daily', ...budget },
  });
  expect(response.statusCode).toBe(201);
  return consumer;
}

const castOn = (app: TestApp, consumer: SignedUp, spell = 'paid-echo', input: unknown = 'hi') =>
  app.app.inject({ method: 'POST', url: '/v1/cast', headers: consumer.headers, payload: { spell: `${creator.handle}/${spell}`, input } });

const usageOf = async (consumer: SignedUp) =>
  (await first.app.inject({ url: '/v1/budgets/usage', headers: consumer.headers })).json<{
    used_cents: number;
    reserved_cents: number;
    casts: number;
    period_start: string;
  }>();

function metric(text: string, name: string): number {
  return Number(new RegExp(`^${name.replace(/[{}"=]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

describe('budgets.enforcement', () => {
  it('lets exactly N of 10·N concurrent casts through, across two instances, and charges exactly N × price', async () => {
    const N = 6;
    const consumer = await consumerWithBudget({ soft_limit_cents: N * PRICE, hard_limit_cents: N * PRICE });
    const responses = await Promise.all(Array.from({ length: 10 * N }, (_, i) => castOn(i % 2 ? first : second, consumer)));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(N);
    expect(statuses.filter((status) => status === 402)).toHaveLength(9 * N);

    const refused = responses.find((response) => response.statusCode === 402);
    expect(refused?.json()).toMatchObject({ error: 'budget_exceeded', period: 'daily', limit_cents: N * PRICE, would_be_cents: N * PRICE + PRICE });
    expect(await usageOf(consumer)).toMatchObject({ used_cents: N * PRICE, reserved_cents: 0, casts: N });
    const rows = await first.services.db.select().from(casts).where(eq(casts.userId, consumer.user.id));
    expect(rows).toHaveLength(N);
    expect(rows.reduce((sum, row) => sum + (row.costCents ?? 0), 0)).toBe(N * PRICE);
  });

  it('refuses before running: a 402 cast leaves no cast, no run and no charge', async () => {
    const consumer = await consumerWithBudget({ soft_limit_cents: 0, hard_limit_cents: PRICE - 1 });
    const before = (await first.app.inject({ url: '/metrics' })).body;
    const refused = await castOn(first, consumer);
    expect(refused.statusCode).toBe(402);
    const after = (await first.app.inject({ url: '/metrics' })).body;
    // The spell never reached the runtime: no cast of any outcome was counted, only the refusal.
    expect(metric(after, 'spell_cast_total{status="succeeded"}')).toBe(metric(before, 'spell_cast_total{status="succeeded"}'));
    expect(metric(after, 'spell_cast_total{status="failed"}')).toBe(metric(before, 'spell_cast_total{status="failed"}'));
    expect(metric(after, 'spell_budget_blocked_total')).toBe(metric(before, 'spell_budget_blocked_total') + 1);
    expect(await first.services.db.select().from(casts).where(eq(casts.userId, consumer.user.id))).toHaveLength(0);
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
    // Free spells are never refused by a budget.
    expect((await castOn(first, consumer, 'free-echo')).statusCode).toBe(200);
  });

  it('signals the soft limit with a header once crossed, and records the crossing once per period', async () => {
    const consumer = await consumerWithBudget({ soft_limit_cents: 2 * PRICE, hard_limit_cents: 10 * PRICE });
    const headers: (string | undefined)[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await castOn(first, consumer);
      expect(response.statusCode).toBe(200);
      headers.push(response.headers['spell-budget-warning'] as string | undefined);
    }
    expect(headers).toEqual([undefined, undefined, 'soft_limit_exceeded', 'soft_limit_exceeded', 'soft_limit_exceeded']);
    const events = await first.services.db
      .select()
      .from(budgetEvents)
      .where(and(eq(budgetEvents.tenantId, consumer.user.tenant_id), eq(budgetEvents.kind, 'soft_limit_crossed')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ usedCents: 3 * PRICE, limitCents: 2 * PRICE });
  });

  it('starts a fresh period when the clock rolls over', async () => {
    const consumer = await consumerWithBudget({ soft_limit_cents: 2 * PRICE, hard_limit_cents: 2 * PRICE });
    expect((await castOn(first, consumer)).statusCode).toBe(200);
    expect((await castOn(first, consumer)).statusCode).toBe(200);
    expect((await castOn(first, consumer)).statusCode).toBe(402);
    const day = (await usageOf(consumer)).period_start;
    clock.advance(24 * 3_600_000);
    expect((await castOn(second, consumer)).statusCode).toBe(200);
    const usage = await usageOf(consumer);
    expect(usage).toMatchObject({ used_cents: PRICE, casts: 1 });
    expect(new Date(usage.period_start).getTime() - new Date(day).getTime()).toBe(24 * 3_600_000);
  });

  it('counts a spell’s own failure as free and gives its hold back', async () => {
    await publish(first.app, creator, 'paid-trap', exampleSpell('trap'), { visibility: 'public', price_cents: PRICE });
    const consumer = await consumerWithBudget({ soft_limit_cents: PRICE, hard_limit_cents: PRICE });
    const failed = await castOn(first, consumer, 'paid-trap');
    expect(failed.statusCode).toBe(422);
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0, casts: 1 });
    expect((await castOn(first, consumer)).statusCode).toBe(200);
  });

  it('moves the 402, 429 and cast counters in /metrics', async () => {
    const limited = await buildTestApp({ database, clock, env: { RATE_LIMIT_USER_PER_MINUTE: '2' } });
    try {
      const consumer = await signUp(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await castOn(limited, consumer, 'free-echo')).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      const body = (await limited.app.inject({ url: '/metrics' })).body;
      expect(metric(body, 'spell_rate_limited_total{scope="user"}')).toBe(1);
      expect(metric(body, 'spell_cast_total{status="succeeded"}')).toBe(2);
    } finally {
      await limited.close();
    }
  });
});
