import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(() => t.close());

describe('http', () => {
  it('answers unknown routes with 404 in the error shape', async () => {
    const response = await t.app.inject({ url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'No route for GET /v1/nothing-here.' });
  });

  it('puts security headers on every response, errors included', async () => {
    for (const url of ['/healthz', '/v1/me', '/missing']) {
      const response = await t.app.inject({ url });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses bodies over the limit, malformed JSON and unknown content types', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email: 'big@example.com', password: 'x'.repeat(10_000) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'payload_too_large' });

    const broken = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'validation_failed' });

    const xml = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('publishes the OpenAPI document and the browsable docs', async () => {
    const document = await t.app.inject({ url: '/openapi.json' });
    expect(document.statusCode).toBe(200);
    const spec = document.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of ['/v1/auth/register', '/v1/auth/login', '/v1/auth/logout', '/v1/auth/session', '/v1/me', '/v1/keys', '/v1/keys/{prefix}', '/healthz', '/readyz', '/auth/github', '/auth/callback']) {
      expect(spec.paths).toHaveProperty([path]);
    }
    const paths = spec.paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const path of ['/v1/public/license/claim', '/v1/admin/license-keys', '/v1/admin/license-keys/{id}/revoke', '/v1/admin/tenants', '/v1/admin/tenants/{id}', '/v1/admin/tenants/{id}/status', '/v1/admin/audit-logs']) {
      expect(spec.paths).toHaveProperty([path]);
    }
    expect(paths['/v1/admin/tenants']?.get?.security).toEqual([{ adminToken: [] }]);
    expect(paths['/v1/public/license/claim']?.post?.security).toEqual([]);
    const docs = await t.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('exports default process metrics and the platform metrics', async () => {
    const session = await signUp(t.app);
    await t.app.inject({ url: '/v1/me', headers: session.headers });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'spell_rate_limited_total', 'spell_redis_errors_total', 'spell_db_pool_in_use']) {
      expect(metrics.body).toContain(`# TYPE ${name}`);
    }
  });

  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers 503 on /readyz when the database is gone', async () => {
    const broken = await buildTestApp();
    try {
      await broken.services.database.close();
      await broken.database.drop();
      const ready = await broken.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { database: 'down' } });
    } finally {
      await broken.app.close();
    }
  });
});
