import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const scrape = async (app: TestApp = t) => (await app.app.inject({ url: '/metrics' })).body;

/** The `_count` of one `http_request_duration_seconds` series, 0 when the series is absent. */
function requestCount(body: string, labels: { method: string; route: string; status_class: string }): number {
  const line = body
    .split('\n')
    .find((entry) => entry.startsWith(`http_request_duration_seconds_count{method="${labels.method}",route="${labels.route}",status_class="${labels.status_class}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('metrics.first-scrape', () => {
  it('shows every labelled counter at zero before anything happened', async () => {
    const fresh = await buildTestApp();
    try {
      const body = await scrape(fresh);
      for (const series of [
        'spell_cast_total{status="succeeded"} 0',
        'spell_cast_total{status="failed"} 0',
        'spell_cast_failed_total{code="spell_timeout"} 0',
        'spell_cast_failed_total{code="runtime_busy"} 0',
        'spell_cast_duration_seconds_count{status="failed"} 0',
        'spell_rate_limited_total{scope="user"} 0',
        'spell_rate_limited_total{scope="ip"} 0',
        'spell_rate_limited_total{scope="license_claim"} 0',
        'spell_redis_errors_total{operation="rate_limit"} 0',
        'spell_stripe_webhook_total{type="invoice.payment_failed",result="failed"} 0',
        'spell_stripe_webhook_total{type="unknown",result="invalid_signature"} 0',
        'spell_meter_events_total{result="failed"} 0',
        'spell_budget_blocked_total 0',
      ]) {
        expect(body).toContain(`\n${series}\n`);
      }
    } finally {
      await fresh.close();
    }
  });
});

describe('metrics.http', () => {
  it('times requests by method, route pattern and status class', async () => {
    const session = await signUp(t.app);
    const before = await scrape();
    await t.app.inject({ url: '/v1/spells/first-missing', headers: session.headers });
    await t.app.inject({ url: '/v1/spells/second-missing', headers: session.headers });
    await t.app.inject({ url: '/healthz' });
    const after = await scrape();
    const missing = { method: 'GET', route: '/v1/spells/:name', status_class: '4xx' };
    expect(requestCount(after, missing) - requestCount(before, missing)).toBe(2);
    const health = { method: 'GET', route: '/healthz', status_class: '2xx' };
    expect(requestCount(after, health) - requestCount(before, health)).toBe(1);
    expect(after).not.toContain('first-missing');
    expect(after).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('puts every URL no route matches under one label, whatever the URL', async () => {
    const before = await scrape();
    const probes = ['/wp-login.php', '/v1/no-such-thing/1', '/v1/no-such-thing/2', '/.env'];
    for (const url of probes) await t.app.inject({ method: 'POST', url });
    const after = await scrape();
    const unmatched = { method: 'POST', route: 'unmatched', status_class: '4xx' };
    expect(requestCount(after, unmatched) - requestCount(before, unmatched)).toBe(probes.length);
    for (const url of probes) expect(after).not.toContain(url);
  });
});

describe('metrics.token', () => {
  it('keeps /metrics open when METRICS_TOKEN is unset', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('answers only to the configured token', async () => {
    const token = 'scrape-token-0123456789abcdef';
    const guarded = await buildTestApp({ env: { METRICS_TOKEN: token } });
    try {
      const bare = await guarded.app.inject({ url: '/metrics' });
      expect(bare.statusCode).toBe(401);
      expect(bare.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
      expect(bare.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(bare.body).not.toContain('spell_cast_total');

      for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, token, 'Bearer ']) {
        expect((await guarded.app.inject({ url: '/metrics', headers: { authorization } })).statusCode).toBe(401);
      }

      const allowed = await guarded.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('spell_cast_total');
      // Only the scrape endpoint is guarded.
      expect((await guarded.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('refuses a token too short to be a secret at start-up', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
