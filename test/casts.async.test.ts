import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimQueuedCast, expireQueuedCasts } from '../src/casts/async-lifecycle.js';
import { startCastWorker } from '../src/casts/cast-worker.js';
import { expireStaleCasts, startCast } from '../src/casts/lifecycle.js';
import { createInProcessQueue } from '../src/casts/queue/in-process-queue.js';
import { createBullmqQueue } from '../src/casts/queue/bullmq-queue.js';
import type { CastJob, CastQueue } from '../src/casts/queue/cast-queue.js';
import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { casts, spells, spellVersions } from '../src/db/schema.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const PRICE = 5;
const TTL_MS = 60_000;
const clock = createManualClock(new Date('2026-07-01T09:00:00Z'));
let t: TestApp;
let creator: SignedUp;

interface Cast {
  id: string;
  cast_id?: string;
  status: string;
  mode: string;
  error_code: string | null;
  cost_cents: number | null;
  output: unknown;
  started_at: string | null;
  queue_expires_at: string | null;
  webhook_url: string | null;
}

beforeAll(async () => {
  // In process (no Redis) so a test decides when the worker runs.
  t = await buildTestApp({ clock, redisUrl: null, env: { SPELL_WORKERS: '1', CAST_QUEUE_TTL_MS: String(TTL_MS), SPELL_MAX_ASYNC_TIMEOUT_MS: '30000' } });
  creator = await signUp(t.app);
  await publish(t.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: PRICE });
  await publish(t.app, creator, 'paid-trap', exampleSpell('trap'), { visibility: 'public', price_cents: PRICE });
});
afterAll(() => t.close());

async function consumerWithBudget(hard = 100): Promise<SignedUp> {
  const consumer = await signUp(t.app);
  const response = await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: consumer.headers, payload: { period: 'daily', soft_limit_cents: hard, hard_limit_cents: hard } });
  expect(response.statusCode).toBe(201);
  return consumer;
}

const queue = (consumer: SignedUp, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/casts', headers: { ...consumer.headers, ...headers }, payload: { spell: `${creator.handle}/paid-echo`, input: 'hi', ...body } });

const getCast = async (consumer: SignedUp, id: string) => (await t.app.inject({ url: `/v1/casts/${id}`, headers: consumer.headers })).json<Cast>();

const usageOf = async (consumer: SignedUp) =>
  (await t.app.inject({ url: '/v1/budgets/usage', headers: consumer.headers })).json<{ used_cents: number; reserved_cents: number; casts: number }>();

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > 20_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('casts.async', () => {
  it('queues a cast with 202 and a Location, holds its price, and a worker runs it to succeeded with its output', async () => {
    const consumer = await consumerWithBudget();
    expect((await t.app.inject({ method: 'POST', url: '/v1/tenant/webhook-secret', headers: consumer.headers })).statusCode).toBe(200);
    const response = await queue(consumer, { webhook_url: 'https://example.com/hook', timeout_ms: 5000 });
    expect(response.statusCode).toBe(202);
    const queued = response.json<Cast & { price_cents: number; timeout_ms: number }>();
    expect(queued).toMatchObject({ status: 'queued', mode: 'async', price_cents: PRICE, timeout_ms: 5000, webhook_url: 'https://example.com/hook', started_at: null });
    expect(response.headers.location).toBe(`/v1/casts/${queued.cast_id}`);
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: PRICE });
    expect((await getCast(consumer, String(queued.cast_id))).status).toBe('queued');

    const worker = await startCastWorker(t.services);
    try {
      await until(async () => (await getCast(consumer, String(queued.cast_id))).status === 'succeeded');
    } finally {
      await worker.stop();
    }
    const done = await getCast(consumer, String(queued.cast_id));
    expect(done).toMatchObject({ status: 'succeeded', cost_cents: PRICE, output: 'hi', error_code: null });
    expect(done.started_at).not.toBeNull();
    expect(await usageOf(consumer)).toMatchObject({ used_cents: PRICE, reserved_cents: 0, casts: 1 });
  });

  it('refuses what a sync cast refuses, in the same way, before anything is queued', async () => {
    const consumer = await consumerWithBudget(PRICE);
    expect((await queue(consumer, { spell: `${creator.handle}/nope` })).json()).toMatchObject({ error: 'not_found' });
    const priced = await queue(consumer, { max_price_cents: PRICE - 1 });
    expect(priced.json()).toMatchObject({ error: 'price_above_max' });
    const tooLong = await queue(consumer, { timeout_ms: 30_001 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: 'validation_failed' });
    expect((await queue(consumer, { webhook_url: 'ftp://example.com' })).statusCode).toBe(400);
    expect((await queue(consumer)).statusCode).toBe(202);
    const over = await queue(consumer);
    expect(over.statusCode).toBe(402);
    expect(over.json()).toMatchObject({ error: 'budget_exceeded', reserved_cents: PRICE });
    expect((await t.app.inject({ method: 'POST', url: '/v1/casts', payload: { spell: 'x' } })).statusCode).toBe(401);
  });

  it('cancels a queued cast at no cost, giving its hold back; a cast no longer queued answers 409', async () => {
    const consumer = await consumerWithBudget();
    const { cast_id: id } = (await queue(consumer)).json<Cast>();
    const cancel = await t.app.inject({ method: 'POST', url: `/v1/casts/${id}/cancel`, headers: consumer.headers });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'canceled', cost_cents: 0 });
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
    const again = await t.app.inject({ method: 'POST', url: `/v1/casts/${id}/cancel`, headers: consumer.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'cast_not_cancelable', status: 'canceled' });
    // Someone else's cast is not there at all.
    const stranger = await signUp(t.app);
    expect((await t.app.inject({ method: 'POST', url: `/v1/casts/${id}/cancel`, headers: stranger.headers })).statusCode).toBe(404);
    // A canceled cast's job, delivered anyway, runs nothing.
    const worker = await startCastWorker(t.services);
    await worker.stop();
    expect((await getCast(consumer, String(id))).status).toBe('canceled');
  });

  it('cannot cancel a cast a worker has claimed, and claims a cast once only', async () => {
    const consumer = await consumerWithBudget();
    const { cast_id: id } = (await queue(consumer)).json<Cast>();
    const claim = { now: clock.now(), graceMs: 1000 };
    expect((await claimQueuedCast(t.services.db, String(id), claim)).ok).toBe(true);
    expect(await claimQueuedCast(t.services.db, String(id), claim)).toEqual({ ok: false, reason: 'not_queued' });
    const cancel = await t.app.inject({ method: 'POST', url: `/v1/casts/${id}/cancel`, headers: consumer.headers });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ error: 'cast_not_cancelable', status: 'running' });
    expect(await usageOf(consumer)).toMatchObject({ reserved_cents: PRICE });
    // Its worker "died": past its expiry the crash reconciler fails it as interrupted, at no cost.
    expect(await expireStaleCasts(t.services.db, new Date(clock.now().getTime() + 60_000))).toBe(1);
    expect(await getCast(consumer, String(id))).toMatchObject({ status: 'failed', error_code: 'interrupted', cost_cents: 0 });
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
  });

  it('settles a spell that fails as failed, at no cost, with its error message', async () => {
    const consumer = await consumerWithBudget();
    const { cast_id: id } = (await queue(consumer, { spell: `${creator.handle}/paid-trap` })).json<Cast>();
    const worker = await startCastWorker(t.services);
    try {
      await until(async () => (await getCast(consumer, String(id))).status === 'failed');
    } finally {
      await worker.stop();
    }
    const failed = await getCast(consumer, String(id));
    expect(failed).toMatchObject({ status: 'failed', error_code: 'spell_trapped', cost_cents: 0 });
    expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
  });

  it('fails a cast still queued after CAST_QUEUE_TTL_MS as expired, at no cost; the crash reconciler leaves queued casts alone', async () => {
    const consumer = await consumerWithBudget();
    const { cast_id: id } = (await queue(consumer)).json<Cast>();
    // Long past any running cast's expiry: the crash reconciler must not touch a cast that waits its turn.
    expect(await expireStaleCasts(t.services.db, new Date(clock.now().getTime() + TTL_MS - 1))).toBe(0);
    expect((await expireQueuedCasts(t.services.db, new Date(clock.now().getTime() + TTL_MS - 1))).length).toBe(0);
    expect((await getCast(consumer, String(id))).status).toBe('queued');
    clock.advance(TTL_MS);
    try {
      expect((await expireQueuedCasts(t.services.db, clock.now())).map((cast) => cast.id)).toEqual([id]);
      expect(await getCast(consumer, String(id))).toMatchObject({ status: 'failed', error_code: 'expired', cost_cents: 0 });
      expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });

      // A worker reaching an expired cast first fails it the same way, and runs nothing.
      const late = (await queue(consumer)).json<Cast>();
      clock.advance(TTL_MS);
      const worker = await startCastWorker(t.services);
      await until(async () => (await getCast(consumer, String(late.cast_id))).status !== 'queued');
      await worker.stop();
      expect(await getCast(consumer, String(late.cast_id))).toMatchObject({ status: 'failed', error_code: 'expired', cost_cents: 0 });
      expect(await usageOf(consumer)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
    } finally {
      clock.advance(-2 * TTL_MS);
    }
  });

  it('10 concurrent POST /v1/casts with one Idempotency-Key queue one cast and hold its price once', async () => {
    const consumer = await consumerWithBudget();
    const responses = await Promise.all(Array.from({ length: 10 }, () => queue(consumer, {}, { 'idempotency-key': 'one-async-cast' })));
    const accepted = responses.filter((response) => response.statusCode === 202);
    expect(accepted.length).toBeGreaterThan(0);
    for (const response of responses) expect([202, 409]).toContain(response.statusCode);
    expect(new Set(accepted.map((response) => response.json<Cast>().cast_id)).size).toBe(1);
    const rows = await t.services.db.select().from(casts).where(eq(casts.tenantId, consumer.user.tenant_id));
    expect(rows).toHaveLength(1);
    expect(await usageOf(consumer)).toMatchObject({ reserved_cents: PRICE });
    const replay = await queue(consumer, {}, { 'idempotency-key': 'one-async-cast' });
    expect(replay.statusCode).toBe(202);
    expect(replay.json<Cast>().cast_id).toBe(accepted[0]?.json<Cast>().cast_id);
  });
});

describe('casts.async fairness', () => {
  /** Queues `count` casts of one tenant as the API would (row, rank, enqueue), without HTTP. */
  async function queueDirect(queue: CastQueue, tenant: SignedUp, count: number): Promise<void> {
    const [version] = await t.services.db
      .select({ spellId: spellVersions.spellId, spellVersionId: spellVersions.id })
      .from(spellVersions)
      .innerJoin(spells, eq(spells.id, spellVersions.spellId))
      .where(eq(spells.name, 'paid-echo'));
    if (!version) throw new Error('paid-echo has no version');
    for (let i = 0; i < count; i++) {
      const now = clock.now();
      const started = await startCast(t.services.db, {
        tenantId: tenant.user.tenant_id,
        userId: tenant.user.id,
        ...version,
        priceCents: 0,
        creatorPriced: false,
        now,
        expiresAt: now,
        billing: false,
        queued: { input: 'null', timeoutMs: 1000, queueExpiresAt: new Date(now.getTime() + TTL_MS), webhookUrl: null },
      });
      if (!started.ok) throw new Error('refused');
      const [row] = await t.services.db.select({ rank: casts.queueRank }).from(casts).where(eq(casts.id, started.castId));
      await queue.enqueue(started.castId, tenant.user.tenant_id, { rank: row?.rank ?? 1 });
    }
  }

  async function dispatchOrder(queue: CastQueue, total: number): Promise<string[]> {
    const order: string[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await queue.start(
      (job: CastJob) => {
        order.push(job.tenantId);
        if (order.length === total) done();
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    await finished;
    await queue.stop();
    return order;
  }

  it("one tenant's 1,000 queued casts do not delay another tenant's one: it is dispatched second", async () => {
    const [big, small] = [await signUp(t.app), await signUp(t.app)];
    const queue = createInProcessQueue();
    await queueDirect(queue, big, 1000);
    await queueDirect(queue, small, 1);
    const order = await dispatchOrder(queue, 1001);
    expect(order.indexOf(small.user.tenant_id)).toBe(1);
    await t.services.db.update(casts).set({ status: 'canceled' }).where(eq(casts.status, 'queued'));
  }, 120_000);

  it('serves tenants with queued casts round-robin, each in its own order', async () => {
    const tenants = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    const queue = createInProcessQueue();
    for (const tenant of tenants) await queueDirect(queue, tenant, 4);
    const order = await dispatchOrder(queue, 12);
    const ids = tenants.map((tenant) => tenant.user.tenant_id);
    expect(order).toEqual([...ids, ...ids, ...ids, ...ids]);
    await t.services.db.update(casts).set({ status: 'canceled' }).where(eq(casts.status, 'queued'));
  });

  it.skipIf(!process.env.REDIS_URL)('dispatches in the same round-robin order on BullMQ', async () => {
    const tenants = [await signUp(t.app), await signUp(t.app)];
    const queue = createBullmqQueue({ redisUrl: String(process.env.REDIS_URL), prefix: `test:${randomBytes(6).toString('hex')}:`, logger: pino({ level: 'silent' }) });
    const [big, small] = tenants as [SignedUp, SignedUp];
    await queueDirect(queue, big, 50);
    await queueDirect(queue, small, 2);
    const order = await dispatchOrder(queue, 52);
    expect(order.slice(0, 4)).toEqual([big.user.tenant_id, small.user.tenant_id, big.user.tenant_id, small.user.tenant_id]);
    await t.services.db.update(casts).set({ status: 'canceled' }).where(eq(casts.status, 'queued'));
  });
});
