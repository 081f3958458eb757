import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../src/db/schema.js';
import { dispatchWebhooks } from '../src/webhooks/dispatcher.js';
import { postWebhook } from '../src/webhooks/post-webhook.js';
import { isPublicAddress } from '../src/webhooks/targets.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp, type SignedUp } from './helpers/users.js';
import { startReceiver } from './helpers/webhook-receiver.js';

let strict: TestApp;
let open: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  strict = await buildTestApp();
  open = await buildTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
});
afterAll(async () => {
  await strict.close();
  await open.close();
  await receiver.close();
});

const create = (t: TestApp, user: SignedUp, url: string) =>
  t.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: user.headers, payload: { url, events: ['cast.succeeded'] } });

const BLOCKED = ['127.0.0.1', '10.0.0.1', '169.254.169.254', '[::1]', '[::ffff:127.0.0.1]', '0.0.0.0', '100.64.0.1', '192.168.1.1', '[fc00::1]', '[fe80::1]', '224.0.0.1'];

describe('webhooks.security', () => {
  it('refuses private, loopback, link-local and mapped addresses at registration unless allowed', async () => {
    const user = await signUp(strict.app);
    for (const host of [...BLOCKED, 'localhost', 'localhost.', '[::127.0.0.1]', '2130706433']) {
      const response = await create(strict, user, `http://${host}/hook`);
      expect(response.statusCode, host).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/url' }] });
    }
    expect((await create(strict, user, 'ftp://example.com/hook')).statusCode).toBe(400);
    expect((await create(strict, user, 'https://user:pw@example.com/hook')).statusCode).toBe(400);
    expect((await create(strict, user, 'https://example.com/hook')).statusCode).toBe(201);
  });

  it('refuses to deliver to those addresses, and to a name resolving to 127.0.0.1, checked after DNS resolution', async () => {
    expect(BLOCKED.map((host) => isPublicAddress(host.replace(/^\[|\]$/g, '')))).toEqual(BLOCKED.map(() => false));
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('::127.0.0.1')).toBe(false);
    expect(isPublicAddress('2606:4700:4700::1111')).toBe(true);
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    for (const host of [...BLOCKED, 'localhost']) {
      const outcome = await postWebhook({ url: `http://${host}:${port}/ok`, body: '{}', headers: {} }, { timeoutMs: 2_000, allowPrivate: false });
      expect(outcome.delivered, host).toBe(false);
      expect(outcome.error, host).toMatch(/^refused: .* is not a public address$/);
    }
    expect(receiver.received.length).toBe(before);
    const allowed = await postWebhook({ url: `http://localhost:${port}/ok`, body: '{}', headers: {} }, { timeoutMs: 2_000, allowPrivate: true });
    expect(allowed).toMatchObject({ delivered: true, statusCode: 200 });
  });

  it('logs a delivery to a name that resolves to 127.0.0.1 as refused, and sends nothing', async () => {
    const user = await signUp(strict.app);
    const endpoint = (await create(strict, user, 'https://example.com/hook')).json<{ id: string }>();
    // As if the name's DNS record now pointed at loopback: the check after resolution refuses it.
    await strict.services.db.update(webhookEndpoints).set({ url: `${receiver.url.replace('127.0.0.1', 'localhost')}/ok` }).where(eq(webhookEndpoints.id, endpoint.id));
    const before = receiver.received.length;
    await strict.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers });
    await dispatchWebhooks(strict.services);
    const log = (await strict.app.inject({ url: `/v1/webhook-endpoints/${endpoint.id}/deliveries`, headers: user.headers })).json<{
      deliveries: { status_code: number | null; error: string }[];
    }>();
    expect(log.deliveries).toEqual([expect.objectContaining({ status_code: null, error: expect.stringMatching(/^refused: (127\.0\.0\.1|::1) is not a public address$/) })]);
    expect(receiver.received.length).toBe(before);
    expect((await strict.app.inject({ url: '/metrics' })).body).toMatch(/spell_webhook_deliveries_total\{result="refused"\} 1/);
  });

  it('follows no redirect: a 302 is a failed attempt, logged, and the redirect target is never requested', async () => {
    const user = await signUp(open.app);
    const endpoint = (await create(open, user, `${receiver.url}/redirect`)).json<{ id: string }>();
    await open.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: user.headers });
    await dispatchWebhooks(open.services);
    const log = (await open.app.inject({ url: `/v1/webhook-endpoints/${endpoint.id}/deliveries`, headers: user.headers })).json<{
      deliveries: { status_code: number; error: string }[];
    }>();
    expect(log.deliveries).toEqual([expect.objectContaining({ status_code: 302, error: 'redirect not followed (/redirected)' })]);
    expect(receiver.received.some((entry) => entry.path === '/redirected')).toBe(false);
  });

  it('keeps tenants apart: another tenant cannot see, change, test, rotate, delete or replay (404)', async () => {
    const owner = await signUp(open.app);
    const other = await signUp(open.app);
    const endpoint = (await create(open, owner, `${receiver.url}/ok`)).json<{ id: string }>();
    const { event_id: eventId } = (await open.app.inject({ method: 'POST', url: `/v1/webhook-endpoints/${endpoint.id}/test`, headers: owner.headers })).json<{ event_id: string }>();
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    const attempts = [
      { method: 'GET' as const, url: base },
      { method: 'PATCH' as const, url: base, payload: { enabled: false } },
      { method: 'DELETE' as const, url: base },
      { method: 'POST' as const, url: `${base}/rotate-secret` },
      { method: 'POST' as const, url: `${base}/test` },
      { method: 'GET' as const, url: `${base}/deliveries` },
      { method: 'POST' as const, url: `/v1/webhook-events/${eventId}/replay` },
    ];
    for (const request of attempts) {
      const response = await open.app.inject({ ...request, headers: other.headers });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
    }
    expect((await open.app.inject({ url: '/v1/webhook-endpoints', headers: other.headers })).json()).toEqual({ endpoints: [] });
    expect((await open.app.inject({ url: '/v1/webhook-events', headers: other.headers })).json()).toEqual({ events: [] });
    const mine = (await open.app.inject({ url: base, headers: owner.headers })).json<{ enabled: boolean }>();
    expect(mine.enabled).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('whsec_');
  });
});
