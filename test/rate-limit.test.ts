import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

// A new account each time, so the per-account sign-in throttle (auth.login-limits) stays out of the way.
const badLogin = (app: App, remoteAddress = '203.0.113.7') =>
  app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    remoteAddress,
    payload: { email: `x-${randomBytes(4).toString('hex')}@example.com`, password: 'nope' },
  });

function metricValue(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

let t: TestApp;
beforeAll(async () => {
  // Redis-backed when REDIS_URL is set, in-process otherwise: the behaviour must be the same.
  t = await buildTestApp({ env: { RATE_LIMIT_ANON_PER_MINUTE: '10', RATE_LIMIT_USER_PER_MINUTE: '5' } });
});
afterAll(() => t.close());

describe('rate-limit', () => {
  it('answers the 11th unauthenticated request in a minute with 429, Retry-After and RateLimit headers', async () => {
    for (let i = 1; i <= 10; i += 1) {
      const response = await badLogin(t.app);
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-limit']).toBe('10');
      expect(response.headers['ratelimit-remaining']).toBe(String(10 - i));
    }
    const limited = await badLogin(t.app);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited', limit: 10 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-remaining']).toBe('0');

    // Another address has its own allowance.
    expect((await badLogin(t.app, '198.51.100.9')).statusCode).toBe(401);
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metricValue(metrics.body, 'spell_rate_limited_total{scope="ip"}')).toBeGreaterThanOrEqual(1);
  });

  it('limits each authenticated user separately, whatever address they call from', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    for (let i = 0; i < 5; i += 1) {
      const response = await t.app.inject({ url: '/v1/me', headers: alice.headers, remoteAddress: `192.0.2.${i}` });
      expect(response.statusCode).toBe(200);
    }
    const limited = await t.app.inject({ url: '/v1/me', headers: alice.headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await t.app.inject({ url: '/v1/me', headers: bob.headers })).statusCode).toBe(200);
  });

  it('never limits health checks, metrics or the API document', async () => {
    for (let i = 0; i < 15; i += 1) {
      for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
        const response = await t.app.inject({ url, remoteAddress: '203.0.113.99' });
        expect(response.statusCode).toBe(200);
      }
    }
  });
});
