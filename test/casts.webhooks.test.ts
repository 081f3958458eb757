import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireQueuedCasts } from '../src/casts/async-lifecycle.js';
import { startCastWorker } from '../src/casts/cast-worker.js';
import { createManualClock } from '../src/lib/clock.js';
import { dispatchWebhooks } from '../src/webhooks/dispatcher.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';
import { startReceiver, verifySignature } from './helpers/webhook-receiver.js';

/** The README's verification snippet, run as a receiver would paste it. */
type Verify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippet = /```js\n(import [^\n]*\n)([\s\S]*?function verifySpellSignature[\s\S]*?)```/.exec(readme)?.[2] ?? '';
const readmeVerify = new Function('createHmac', 'timingSafeEqual', `${snippet}\nreturn verifySpellSignature;`)(createHmac, timingSafeEqual) as Verify;

const clock = createManualClock(new Date('2026-08-01T10:00:00Z'));
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let creator: SignedUp;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await buildTestApp({
    clock,
    redisUrl: null,
    env: { SPELL_WORKERS: '1', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_RETRY_WINDOW_MS: String(7 * 86_400_000) },
  });
  creator = await signUp(t.app);
  await publish(t.app, creator, 'echo', exampleSpell('echo'), { visibility: 'public' });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

interface Delivery {
  event_id: string;
  event_type: string;
  url: string;
  status: string;
  attempts: { attempt: number; status_code: number | null }[];
}

const makeSecret = async (user: SignedUp) => {
  const response = await t.app.inject({ method: 'POST', url: '/v1/tenant/webhook-secret', headers: user.headers });
  expect(response.statusCode).toBe(200);
  return response.json<{ secret: string; exists: boolean; previous_secret_expires_at: string | null }>();
};
const queue = (user: SignedUp, path: string) =>
  t.app.inject({ method: 'POST', url: '/v1/casts', headers: user.headers, payload: { spell: `${creator.handle}/echo`, input: 'hi', webhook_url: `${receiver.url}${path}` } });
const detail = async (user: SignedUp, id: string) => (await t.app.inject({ url: `/v1/casts/${id}`, headers: user.headers })).json<{ status: string; webhook_deliveries: Delivery[] }>();

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > 20_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Queues a cast to `path` and lets a worker run it to its end. */
async function castTo(user: SignedUp, path: string): Promise<string> {
  const response = await queue(user, path);
  expect(response.statusCode).toBe(202);
  const id = response.json<{ cast_id: string }>().cast_id;
  const worker = await startCastWorker(t.services);
  try {
    await until(async () => (await detail(user, id)).status === 'succeeded');
  } finally {
    await worker.stop();
  }
  return id;
}

/** Runs the dispatcher until the cast's deliveries are done (moving the clock past each backoff). */
async function drain(user: SignedUp, id: string): Promise<Delivery[]> {
  for (let round = 0; round < 12; round += 1) {
    await dispatchWebhooks(t.services);
    const deliveries = (await detail(user, id)).webhook_deliveries;
    if (deliveries.length > 0 && deliveries.every((delivery) => delivery.status !== 'pending')) return deliveries;
    clock.advance(60_000);
  }
  return (await detail(user, id)).webhook_deliveries;
}

const receivedFor = (path: string, castId: string) =>
  receiver.received.filter((entry) => entry.path === path && (JSON.parse(entry.body) as { data: { cast_id: string } }).data.cast_id === castId);

describe('casts.webhooks', () => {
  it('refuses a webhook_url until the owner made the secret; GET tells whether it exists, never the secret', async () => {
    const user = await signUp(t.app);
    const before = await t.app.inject({ url: '/v1/tenant/webhook-secret', headers: user.headers });
    expect(before.json()).toEqual({ exists: false, created_at: null, rotated_at: null, previous_secret_expires_at: null });
    const refused = await queue(user, '/ok');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'webhook_secret_required' });
    const made = await makeSecret(user);
    expect(made.secret).toMatch(/^whsec_/);
    const after = await t.app.inject({ url: '/v1/tenant/webhook-secret', headers: user.headers });
    expect(after.json()).toMatchObject({ exists: true, created_at: clock.now().toISOString() });
    expect(after.body).not.toContain(made.secret);

    // An API key of the owner rotates it too; no one signed out does.
    const { key } = await createKey(t.app, user);
    const rotated = await t.app.inject({ method: 'POST', url: '/v1/tenant/webhook-secret', headers: { authorization: `Bearer ${key}` } });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json<{ secret: string }>().secret).not.toBe(made.secret);
    expect((await t.app.inject({ method: 'POST', url: '/v1/tenant/webhook-secret' })).statusCode).toBe(401);
  });

  it('sends the cast its own signed cast.succeeded, retried after two failures, logged in the cast’s detail', async () => {
    const user = await signUp(t.app);
    const { secret } = await makeSecret(user);
    const id = await castTo(user, '/twice');
    const deliveries = await drain(user, id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ event_type: 'cast.succeeded', url: `${receiver.url}/twice`, status: 'delivered' });
    expect(deliveries[0]?.attempts.map((attempt) => attempt.status_code)).toEqual([500, 500, 200]);

    const got = receivedFor('/twice', id);
    expect(got).toHaveLength(3);
    const ok = got.filter((entry) => entry.status === 200);
    expect(ok).toHaveLength(1);
    const [entry] = ok;
    if (!entry) throw new Error('no delivery');
    expect(JSON.parse(entry.body)).toMatchObject({ type: 'cast.succeeded', data: { cast_id: id, status: 'succeeded', error_code: null } });
    const header = String(entry.headers['spell-signature']);
    expect(header.match(/v1=/g)).toHaveLength(1);
    const t0 = Number(/t=(\d+)/.exec(header)?.[1]);
    expect(readmeVerify(header, entry.body, secret, Math.abs(Date.now() / 1000 - t0) + 60)).toBe(true);

    // Another tenant's secret never signs it.
    const other = await signUp(t.app);
    const { secret: otherSecret } = await makeSecret(other);
    for (const each of got) expect(verifySignature(String(each.headers['spell-signature']), each.body, otherSecret)).toBe(false);
  });

  it('refuses a private or loopback webhook_url at POST /v1/casts without WEBHOOK_ALLOW_PRIVATE_TARGETS', async () => {
    const strict = await buildTestApp({ clock, redisUrl: null, env: { SPELL_WORKERS: '1' } });
    try {
      const user = await signUp(strict.app);
      await strict.app.inject({ method: 'POST', url: '/v1/tenant/webhook-secret', headers: user.headers });
      for (const url of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest', 'http://localhost/x', 'http://[::1]/x', 'http://10.0.0.5/x']) {
        const response = await strict.app.inject({ method: 'POST', url: '/v1/casts', headers: user.headers, payload: { spell: `${creator.handle}/echo`, input: 'hi', webhook_url: url } });
        expect(response.statusCode, url).toBe(400);
        expect(response.json(), url).toMatchObject({ error: 'validation_failed', issues: [{ path: '/webhook_url' }] });
      }
    } finally {
      await strict.close();
    }
  });

  it('after a rotation signs with both secrets for 24 hours, then with the new one alone', async () => {
    const user = await signUp(t.app);
    const { secret: old } = await makeSecret(user);
    const rotated = await makeSecret(user);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.previous_secret_expires_at).toBe(new Date(clock.now().getTime() + 24 * 3_600_000).toISOString());

    const first = await castTo(user, '/ok');
    await drain(user, first);
    const [during] = receivedFor('/ok', first);
    if (!during) throw new Error('no delivery');
    const header = String(during.headers['spell-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, during.body, rotated.secret)).toBe(true);
    expect(verifySignature(header, during.body, old)).toBe(true);

    clock.advance(24 * 3_600_000 + 1_000);
    const second = await castTo(user, '/ok');
    await drain(user, second);
    const [later] = receivedFor('/ok', second);
    if (!later) throw new Error('no delivery');
    expect(verifySignature(String(later.headers['spell-signature']), later.body, rotated.secret)).toBe(true);
    expect(verifySignature(String(later.headers['spell-signature']), later.body, old)).toBe(false);
  });

  it('tells the cast’s webhook_url of a cancel and a queue expiry as cast.failed with its error code', async () => {
    const user = await signUp(t.app);
    await makeSecret(user);
    const canceled = (await queue(user, '/ok')).json<{ cast_id: string }>().cast_id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/casts/${canceled}/cancel`, headers: user.headers })).statusCode).toBe(200);
    const expired = (await queue(user, '/ok')).json<{ cast_id: string }>().cast_id;
    clock.advance(t.services.config.asyncCasts.queueTtlMs + 1_000);
    await expireQueuedCasts(t.services.db, clock.now());
    await drain(user, canceled);
    await drain(user, expired);
    const bodyOf = (id: string) => receivedFor('/ok', id).map((entry) => JSON.parse(entry.body) as { type: string; data: Record<string, unknown> });
    expect(bodyOf(canceled)).toMatchObject([{ type: 'cast.failed', data: { status: 'canceled', error_code: 'canceled' } }]);
    expect(bodyOf(expired)).toMatchObject([{ type: 'cast.failed', data: { status: 'failed', error_code: 'expired' } }]);
  });
});
