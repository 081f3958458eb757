import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casts, idempotencyKeys } from '../src/db/schema.js';
import { IDEMPOTENCY_LEASE_MS } from '../src/http/idempotency.js';
import { runJob } from '../src/jobs/run-job.js';
import { createManualClock } from '../src/lib/clock.js';
import { createOperator, type Operator } from './helpers/admin.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

const PRICE = 4;
const clock = createManualClock(new Date('2026-06-01T12:00:00Z'));
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let creator: SignedUp;
let operator: Operator;

beforeAll(async () => {
  // Two instances of one deployment: the keys live in the shared database.
  database = await createTestDatabase();
  const shared = { database, clock, redisKeyPrefix: `idem:${Date.now()}:`, env: { SPELL_WORKERS: '2' } };
  first = await buildTestApp(shared);
  second = await buildTestApp(shared);
  creator = await signUp(first.app);
  await publish(first.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
  await publish(first.app, creator, 'spin', exampleSpell('infinite-loop'), { visibility: 'public', price_cents: PRICE });
  const limited = await first.app.inject({ method: 'PATCH', url: '/v1/spells/spin', headers: creator.headers, payload: { timeout_ms: 500 } });
  expect(limited.statusCode).toBe(200);
  operator = await createOperator(first.services);
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

const newKey = () => `key-${randomBytes(6).toString('hex')}`;

async function consumerWithBudget(): Promise<SignedUp> {
  const consumer = await signUp(first.app);
  const budget = await first.app.inject({
    method: 'POST',
    url: '/v1/budgets',
    headers: consumer.headers,
    payload: { period: 'daily', soft_limit_cents: 0, hard_limit_cents: 1_000 },
  });
  expect(budget.statusCode).toBe(201);
  return consumer;
}

const castOn = (app: TestApp, consumer: SignedUp, key: string | undefined, input: unknown = 'hi', spell = 'paid-echo') =>
  app.app.inject({
    method: 'POST',
    url: '/v1/cast',
    headers: { ...consumer.headers, ...(key !== undefined && { 'idempotency-key': key }) },
    payload: { spell: `${creator.handle}/${spell}`, input },
  });

const castsOf = (consumer: SignedUp) => first.services.db.select().from(casts).where(eq(casts.tenantId, consumer.user.tenant_id));
const usedCents = async (consumer: SignedUp) =>
  (await first.app.inject({ url: '/v1/budgets/usage', headers: consumer.headers })).json<{ used_cents: number; reserved_cents: number }>();

describe('http.idempotency', () => {
  it('replays the first answer to a retry with the same key and body: one cast, one charge', async () => {
    const consumer = await consumerWithBudget();
    const key = newKey();
    const original = await castOn(first, consumer, key);
    expect(original.statusCode).toBe(200);
    expect(original.headers['idempotent-replayed']).toBeUndefined();
    const retry = await castOn(second, consumer, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(original.headers['content-type']);
    expect(retry.body).toBe(original.body);
    expect(await castsOf(consumer)).toHaveLength(1);
    expect(await usedCents(consumer)).toMatchObject({ used_cents: PRICE, reserved_cents: 0 });
    // Without a key, the same body is a new cast.
    expect((await castOn(first, consumer, undefined)).statusCode).toBe(200);
    expect(await castsOf(consumer)).toHaveLength(2);
  });

  it('replays the first answer’s own headers: an async cast’s Location, a sync cast’s budget warning', async () => {
    const consumer = await signUp(first.app);
    const budget = await first.app.inject({
      method: 'POST',
      url: '/v1/budgets',
      headers: consumer.headers,
      payload: { period: 'daily', soft_limit_cents: 1, hard_limit_cents: 1_000 },
    });
    expect(budget.statusCode).toBe(201);
    const key = newKey();
    const warned = await castOn(first, consumer, key);
    expect(warned.headers['spell-budget-warning']).toBeDefined();
    const again = await castOn(second, consumer, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['spell-budget-warning']).toBe(warned.headers['spell-budget-warning']);

    const queue = () =>
      first.app.inject({
        method: 'POST',
        url: '/v1/casts',
        headers: { ...consumer.headers, 'idempotency-key': `async-${key}` },
        payload: { spell: `${creator.handle}/paid-echo`, input: 'later' },
      });
    const queued = await queue();
    expect(queued.statusCode).toBe(202);
    expect(queued.headers.location).toMatch(/^\/v1\/casts\//);
    const replayed = await queue();
    expect(replayed.statusCode).toBe(202);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.headers.location).toBe(queued.headers.location);
  });

  it('runs one cast and charges once for the same key sent 10 times at once across two instances', async () => {
    const consumer = await consumerWithBudget();
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => castOn(i % 2 ? first : second, consumer, key)));
    const answered = responses.filter((response) => response.statusCode === 200);
    const busy = responses.filter((response) => response.statusCode === 409);
    expect(answered.length + busy.length).toBe(10);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const response of busy) expect(response.json()).toMatchObject({ error: 'idempotency_in_flight' });
    expect(new Set(answered.map((response) => response.json<{ cast_id: string }>().cast_id)).size).toBe(1);
    expect(await castsOf(consumer)).toHaveLength(1);
    expect(await usedCents(consumer)).toMatchObject({ used_cents: PRICE, reserved_cents: 0 });
    // Once answered, every retry is the replay.
    const later = await castOn(first, consumer, key);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.json<{ cast_id: string }>().cast_id).toBe(answered[0]?.json<{ cast_id: string }>().cast_id);
  });

  it('answers 409 while the first request runs, then replays its answer, an error included', async () => {
    const consumer = await consumerWithBudget();
    const key = newKey();
    const running = castOn(first, consumer, key, null, 'spin');
    // Wait for the first request to hold its key and start its cast.
    for (let tries = 0; (await castsOf(consumer)).length === 0; tries += 1) {
      if (tries > 200) throw new Error('the cast never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const meanwhile = await castOn(second, consumer, key, null, 'spin');
    expect(meanwhile.statusCode).toBe(409);
    expect(meanwhile.json()).toMatchObject({ error: 'idempotency_in_flight', message: expect.stringContaining('still running') });
    expect(meanwhile.headers['retry-after']).toBe('1');
    const done = await running;
    expect(done.statusCode).toBe(422);
    expect(done.json()).toMatchObject({ error: 'spell_timeout' });
    const replayed = await castOn(second, consumer, key, null, 'spin');
    expect(replayed.statusCode).toBe(422);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(done.body);
    expect(await castsOf(consumer)).toHaveLength(1);
  });

  it('refuses the same key with a different body, path or method’s body with 422 idempotency_mismatch', async () => {
    const consumer = await consumerWithBudget();
    const key = newKey();
    expect((await castOn(first, consumer, key, { a: 1, b: 2 })).statusCode).toBe(200);
    // The same body with its keys in another order is the same request.
    expect((await castOn(first, consumer, key, { b: 2, a: 1 })).headers['idempotent-replayed']).toBe('true');
    const different = await castOn(first, consumer, key, { a: 1, b: 3 });
    expect(different.statusCode).toBe(422);
    expect(different.json()).toMatchObject({ error: 'idempotency_mismatch' });
    const elsewhere = await first.app.inject({
      method: 'POST',
      url: '/v1/budgets',
      headers: { ...consumer.headers, 'idempotency-key': key },
      payload: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: 10 },
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(await castsOf(consumer)).toHaveLength(1);
  });

  it('scopes keys per tenant: every user and API key of a tenant shares them, another tenant does not', async () => {
    const consumer = await consumerWithBudget();
    const other = await consumerWithBudget();
    const key = newKey();
    const mine = await castOn(first, consumer, key);
    const { key: apiKey } = await createKey(first.app, consumer);
    const byApiKey = await first.app.inject({
      method: 'POST',
      url: '/v1/cast',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key },
      payload: { spell: `${creator.handle}/paid-echo`, input: 'hi' },
    });
    expect(byApiKey.headers['idempotent-replayed']).toBe('true');
    expect(byApiKey.body).toBe(mine.body);
    const theirs = await castOn(first, other, key);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json<{ cast_id: string }>().cast_id).not.toBe(mine.json<{ cast_id: string }>().cast_id);
    expect(await castsOf(other)).toHaveLength(1);
  });

  it('covers every authenticated POST: creating an API key twice with one key creates one', async () => {
    const consumer = await signUp(first.app);
    const key = newKey();
    const create = () =>
      first.app.inject({ method: 'POST', url: '/v1/keys', headers: { ...consumer.headers, 'idempotency-key': key }, payload: { name: 'ci' } });
    const created = await create();
    expect(created.statusCode).toBe(201);
    const again = await create();
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(created.body);
    const listed = await first.app.inject({ url: '/v1/keys', headers: consumer.headers });
    expect(listed.json<{ keys: unknown[] }>().keys).toHaveLength(1);
    // The admin API too, per operator.
    const issue = () =>
      first.app.inject({
        method: 'POST',
        url: '/v1/admin/license-keys',
        headers: { ...operator.headers, 'idempotency-key': key },
        payload: { count: 2, memo: 'idempotent batch' },
      });
    const batch = await issue();
    expect(batch.statusCode).toBe(201);
    expect((await issue()).body).toBe(batch.body);
  });

  it('refuses a malformed key with 400 and keeps nothing for a request that failed validation', async () => {
    const consumer = await consumerWithBudget();
    for (const bad of ['x'.repeat(256), 'with space', 'é']) {
      const refused = await castOn(first, consumer, bad);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'validation_failed', issues: [{ in: 'headers', path: '/idempotency-key' }] });
    }
    const key = newKey();
    const invalid = await first.app.inject({
      method: 'POST',
      url: '/v1/cast',
      headers: { ...consumer.headers, 'idempotency-key': key },
      payload: { spell: 42 },
    });
    expect(invalid.statusCode).toBe(400);
    // The key was not spent on a request that never ran: the corrected request runs under it.
    expect((await castOn(first, consumer, key)).statusCode).toBe(200);
    expect(await castsOf(consumer)).toHaveLength(1);
  });

  it('forgets a key after 24 hours, and frees the key of a request whose instance died once its lease ends', async () => {
    const consumer = await consumerWithBudget();
    const key = newKey();
    expect((await castOn(first, consumer, key)).statusCode).toBe(200);
    clock.advance(24 * 3_600_000 + 1_000);
    const later = await castOn(first, consumer, key);
    expect(later.statusCode).toBe(200);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await castsOf(consumer)).toHaveLength(2);

    // A request that took its key and never answered (its process was killed).
    const orphan = newKey();
    await first.services.db.insert(idempotencyKeys).values({
      scope: `tenant:${consumer.user.tenant_id}`,
      key: orphan,
      tenantId: consumer.user.tenant_id,
      fingerprint: 'of a request that died',
      state: 'in_flight',
      lockedUntil: new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS),
      createdAt: clock.now(),
    });
    expect((await castOn(first, consumer, orphan)).statusCode).toBe(409);
    clock.advance(IDEMPOTENCY_LEASE_MS + 1_000);
    expect((await castOn(first, consumer, orphan)).statusCode).toBe(200);
    expect(await castsOf(consumer)).toHaveLength(3);
  });

  it('idempotency-cleanup deletes keys past their 24 hours, and a dry run only counts them', async () => {
    const consumer = await consumerWithBudget();
    await castOn(first, consumer, newKey());
    clock.advance(25 * 3_600_000);
    const fresh = newKey();
    await castOn(first, consumer, fresh);
    const deps = { db: first.services.db, config: first.services.config, stripe: undefined };
    const options = { now: clock.now(), olderThanMs: 0 };
    const dry = await runJob(deps, 'idempotency-cleanup', { ...options, dryRun: true });
    expect(dry.wouldChange).toBeGreaterThanOrEqual(1);
    expect(dry.changed).toBe(0);
    const run = await runJob(deps, 'idempotency-cleanup', { ...options, dryRun: false });
    expect(run.changed).toBe(dry.wouldChange);
    const left = await first.services.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.tenantId, consumer.user.tenant_id));
    expect(left.map((row) => row.key)).toEqual([fresh]);
  });
});
