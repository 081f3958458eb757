import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAuditLogs, webhookAttempts, webhookDeliveries, webhookEvents } from '../src/db/schema.js';
import { runJob } from '../src/jobs/run-job.js';
import { createManualClock } from '../src/lib/clock.js';
import { chargeCastCredit } from '../src/ledger/credit.js';
import { postJournal } from '../src/ledger/journal.js';
import { setTenantStatus } from '../src/tenants/status.js';
import { dispatchWebhooks } from '../src/webhooks/dispatcher.js';
import { emitPayoutPaid } from '../src/events/emitters.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';
import { startReceiver, verifySignature, type Received } from './helpers/webhook-receiver.js';

/** The README's verification snippet, run as a receiver would paste it. */
type Verify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippet = /```js\n(import [^\n]*\n)([\s\S]*?function verifySpellSignature[\s\S]*?)```/.exec(readme)?.[2] ?? '';
const readmeVerify = new Function('createHmac', 'timingSafeEqual', `${snippet}\nreturn verifySpellSignature;`)(createHmac, timingSafeEqual) as Verify;

const clock = createManualClock(new Date('2026-03-10T12:00:00Z'));
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let creator: SignedUp;
const ALL_EVENTS = [
  'cast.succeeded',
  'cast.failed',
  'budget.soft_limit_reached',
  'budget.hard_limit_reached',
  'tenant.grace_started',
  'tenant.suspended',
  'credits.low',
  'creator.payout_paid',
  'webhook_endpoint.disabled',
];

beforeAll(async () => {
  receiver = await startReceiver();
  t = await buildTestApp({
    clock,
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_RETRY_WINDOW_MS: String(7 * 86_400_000) },
  });
  creator = await signUp(t.app);
  await publish(t.app, creator, 'paid-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 5 });
  await publish(t.app, creator, 'paid-trap', exampleSpell('trap'), { visibility: 'public', price_cents: 5 });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

async function register(user: SignedUp, path: string, events = ALL_EVENTS) {
  const response = await t.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: user.headers, payload: { url: `${receiver.url}${path}`, events } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; secret: string }>();
}

/** Runs the dispatcher until nothing is pending (moving the clock past each backoff). */
async function drain(rounds = 12): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await dispatchWebhooks(t.services);
    const pending = await t.services.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    if (pending.length === 0) return;
    clock.advance(60_000);
  }
}

const cast = (user: SignedUp, spell: string) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${creator.handle}/${spell}`, input: 'hi' } });
const bodiesAt = (path: string): { id: string; type: string; created: number; data: Record<string, unknown> }[] =>
  receiver.received.filter((entry) => entry.path === path && entry.status === 200).map((entry) => JSON.parse(entry.body) as never);

describe('webhooks.delivery', () => {
  it('emits every event type from the flow that causes it; a receiver failing three times gets each event id exactly once after', async () => {
    const consumer = await signUp(t.app);
    const endpoint = await register(consumer, '/flaky');
    await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: consumer.headers, payload: { period: 'daily', soft_limit_cents: 4, hard_limit_cents: 10 } });

    expect((await cast(consumer, 'paid-echo')).statusCode).toBe(200); // 5 > soft 4: soft limit reached
    expect((await cast(consumer, 'paid-trap')).statusCode).toBe(422); // cast.failed (costs nothing)
    expect((await cast(consumer, 'paid-echo')).statusCode).toBe(200); // 10 = hard limit
    expect((await cast(consumer, 'paid-echo')).statusCode).toBe(402); // first refusal: hard limit reached
    expect((await cast(consumer, 'paid-echo')).statusCode).toBe(402); // second refusal: nothing new

    const actor = { type: 'system' as const };
    await setTenantStatus(t.services.db, { tenantId: consumer.user.tenant_id, status: 'grace', reason: 'payment failed', actor, now: clock.now() });
    await setTenantStatus(t.services.db, { tenantId: consumer.user.tenant_id, status: 'suspended', reason: 'grace over', actor, now: clock.now() });

    // credits.low: credit granted, then charges that take it from 70 to 40 (under 50: once) and to 10 (still under: nothing).
    const settings = await t.app.inject({ method: 'PATCH', url: '/v1/tenant/notifications', headers: consumer.headers, payload: { credits_low_threshold_cents: 50 } });
    expect(settings.json()).toEqual({ credits_low_threshold_cents: 50 });
    const tenantId = consumer.user.tenant_id;
    await t.services.db.transaction(async (tx) => {
      await postJournal(tx, {
        kind: 'credit_grant',
        tenantId,
        now: clock.now(),
        lines: [
          { account: { kind: 'external' }, cents: -100 },
          { account: { kind: 'consumer_credit', tenantId }, cents: 100 },
        ],
      });
      for (let i = 0; i < 3; i += 1) await chargeCastCredit(tx, { tenantId, castId: randomUUID(), priceCents: 30, now: clock.now() });
    });
    await t.services.db.transaction((tx) =>
      emitPayoutPaid(tx, { tenantId, payoutId: randomUUID(), amountCents: 1234, currency: 'usd', stripeTransferId: 'tr_1', paidAt: clock.now() }),
    );

    await drain();
    const delivered = bodiesAt('/flaky');
    expect(delivered.map((event) => event.type).sort()).toEqual(
      ['cast.succeeded', 'cast.succeeded', 'cast.failed', 'budget.soft_limit_reached', 'budget.hard_limit_reached', 'tenant.grace_started', 'tenant.suspended', 'credits.low', 'creator.payout_paid'].sort(),
    );
    const ids = delivered.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const attempts = receiver.received.filter((entry) => entry.path === '/flaky' && entry.headers['spell-event-id'] === id);
      expect(attempts.map((entry) => entry.status)).toEqual([500, 500, 500, 200]);
    }
    const ok = receiver.received.filter((entry) => entry.path === '/flaky' && entry.status === 200);
    for (const entry of ok) {
      expect(entry.headers['content-type']).toBe('application/json');
      expect(verifySignature(String(entry.headers['spell-signature']), entry.body, endpoint.secret)).toBe(true);
      expect(verifySignature(String(entry.headers['spell-signature']), entry.body, 'whsec_wrong')).toBe(false);
      // The test clock is months from the real one: no tolerance here.
      expect(readmeVerify(String(entry.headers['spell-signature']), entry.body, endpoint.secret, Infinity)).toBe(true);
      expect(readmeVerify(String(entry.headers['spell-signature']), `${entry.body} `, endpoint.secret, Infinity)).toBe(false);
    }
    expect(delivered.find((event) => event.type === 'credits.low')?.data).toEqual({ balance_cents: 40, threshold_cents: 50 });
    expect(delivered.find((event) => event.type === 'budget.hard_limit_reached')?.data).toMatchObject({ period: 'daily', hard_limit_cents: 10, would_be_cents: 15 });

    const log = await t.app.inject({ url: `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=200`, headers: consumer.headers });
    const attempts = log.json<{ deliveries: { attempt: number; status_code: number; response_excerpt: string; event_id: string; duration_ms: number }[] }>().deliveries;
    expect(attempts).toHaveLength(ids.length * 4);
    expect(attempts.filter((entry) => entry.status_code === 200).map((entry) => entry.attempt)).toEqual(ids.map(() => 4));
    expect(Math.max(...attempts.map((entry) => Buffer.byteLength(entry.response_excerpt)))).toBeLessThanOrEqual(1024);
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/spell_webhook_deliveries_total\{result="delivered"\} [1-9]/);
  });

  it('rotates the secret: deliveries carry both signatures for 24 hours, then only the new one', async () => {
    const user = await signUp(t.app);
    const endpoint = await register(user, '/ok');
    const rotated = await t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, headers: user.headers });
    const { secret } = rotated.json<{ secret: string; previous_secret_expires_at: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    const sentTest = async () => {
      const queued = await t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers });
      expect(queued.statusCode).toBe(202);
      await drain();
      const eventId = queued.json<{ event_id: string }>().event_id;
      return receiver.received.find((entry) => entry.headers['spell-event-id'] === eventId) as Received;
    };
    const during = await sentTest();
    expect(JSON.parse(during.body)).toMatchObject({ type: 'ping' });
    // A disabled endpoint is sent nothing, a test event neither.
    const off = await t.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${endpoint.id}`, headers: user.headers, payload: { enabled: false } });
    expect(off.statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'conflict' });
    await t.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${endpoint.id}`, headers: user.headers, payload: { enabled: true } });
    const header = String(during.headers['spell-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, during.body, secret)).toBe(true);
    expect(verifySignature(header, during.body, endpoint.secret)).toBe(true);
    clock.advance(25 * 3_600_000);
    const later = await sentTest();
    const laterHeader = String(later.headers['spell-signature']);
    expect(laterHeader.match(/v1=/g)).toHaveLength(1);
    expect(verifySignature(laterHeader, later.body, secret)).toBe(true);
    expect(verifySignature(laterHeader, later.body, endpoint.secret)).toBe(false);
  });

  it('replays an event to its endpoint: the receiver gets the same event id again', async () => {
    const user = await signUp(t.app);
    const endpoint = await register(user, '/ok');
    const { event_id: eventId } = (await t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers })).json<{ event_id: string }>();
    await drain();
    const replay = await t.app.inject({ method: 'POST', url: `/v1/webhook-events/${eventId}/replay`, headers: user.headers });
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toEqual({ event_id: eventId, deliveries: 1 });
    await drain();
    expect(receiver.received.filter((entry) => entry.headers['spell-event-id'] === eventId && entry.status === 200)).toHaveLength(2);
  });

  it('disables an endpoint that failed without a break for WEBHOOK_DISABLE_AFTER_MS, with an audit row and a notice event', async () => {
    const user = await signUp(t.app);
    const endpoint = await register(user, '/down', ['cast.succeeded']);
    await t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers });
    await dispatchWebhooks(t.services);
    const failing = (await t.app.inject({ url: `/v1/webhook-endpoints/${endpoint.id}`, headers: user.headers })).json<{ enabled: boolean; failing_since: string }>();
    expect(failing).toMatchObject({ enabled: true, failing_since: clock.now().toISOString() });
    for (let day = 0; day < 6; day += 1) {
      clock.advance(86_400_000);
      await dispatchWebhooks(t.services);
    }
    const disabled = (await t.app.inject({ url: `/v1/webhook-endpoints/${endpoint.id}`, headers: user.headers })).json();
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    const events = (await t.app.inject({ url: '/v1/webhook-events?type=webhook_endpoint.disabled', headers: user.headers })).json<{ events: { data: unknown }[] }>();
    expect(events.events).toHaveLength(1);
    expect(events.events[0]?.data).toMatchObject({ endpoint_id: endpoint.id, reason: 'failing' });
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.targetId, endpoint.id));
    expect(audit.map((row) => row.action)).toEqual(['webhook_endpoint_disabled']);

    const enabled = await t.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${endpoint.id}`, headers: user.headers, payload: { enabled: true } });
    expect(enabled.json()).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
  });

  it('sends each delivery once when two instances dispatch at the same time (FOR UPDATE SKIP LOCKED)', async () => {
    const second = await buildTestApp({ database: t.database, clock, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    try {
      const user = await signUp(t.app);
      const endpoint = await register(user, '/ok');
      const queued = await Promise.all(
        Array.from({ length: 30 }, () => t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers })),
      );
      const ids = queued.map((response) => response.json<{ event_id: string }>().event_id);
      for (let round = 0; round < 5; round += 1) await Promise.all([dispatchWebhooks(t.services), dispatchWebhooks(second.services)]);
      for (const id of ids) expect(receiver.received.filter((entry) => entry.headers['spell-event-id'] === id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('webhook-cleanup deletes old events with their deliveries and log, keeping those still retried', async () => {
    const user = await signUp(t.app);
    const ok = await register(user, '/ok');
    const down = await register(user, '/down');
    const send = (id: string) => t.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${id}/test`, headers: user.headers });
    const done = (await send(ok.id)).json<{ event_id: string }>().event_id;
    const retried = (await send(down.id)).json<{ event_id: string }>().event_id;
    await dispatchWebhooks(t.services);
    clock.advance(31 * 86_400_000);
    const report = await runJob(t.services, 'webhook-cleanup', { now: clock.now(), dryRun: false, olderThanMs: 30 * 86_400_000 });
    expect(report.lines[1]).toMatch(/^deleted [1-9]\d* outbound webhook events/);
    const left = (await t.services.db.select({ id: webhookEvents.id }).from(webhookEvents)).map((row) => row.id);
    expect(left).not.toContain(done);
    expect(left).toContain(retried);
    // (The session has expired 31 days on: read the log's table.)
    expect(await t.services.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, ok.id))).toEqual([]);
    expect(await t.services.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, down.id))).toHaveLength(1);
  });
});
