import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { hasProgram } from './helpers/programs.js';
import { startRedisServer, type OwnRedis } from './helpers/redis-server.js';
import { signUp } from './helpers/users.js';

// These tests run their own redis-server so that stopping it mid-test disturbs no other test.
let redis: OwnRedis;
let database: TestDatabase;
beforeAll(async () => {
  redis = await startRedisServer();
  database = await createTestDatabase();
});
afterAll(async () => {
  await redis.stop();
  await database.drop();
});

const limitedEnv = { RATE_LIMIT_ANON_PER_MINUTE: '10' };

describe.runIf(hasProgram('redis-server', 'apt-get install redis-server'))('rate-limit.redis', () => {
  it('shares one limit between two app instances on the same Redis', async () => {
    const prefix = `shared:${randomBytes(4).toString('hex')}:`;
    const first = await buildTestApp({ database, redisUrl: redis.url, redisKeyPrefix: prefix, env: limitedEnv });
    const second = await buildTestApp({ database, redisUrl: redis.url, redisKeyPrefix: prefix, env: limitedEnv });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const app = i % 2 === 0 ? first.app : second.app;
        const response = await app.inject({ url: '/v1/me', remoteAddress: '203.0.113.50' });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('names its Redis keys after what they count', async () => {
    const t = await buildTestApp({ database, redisUrl: redis.url, redisKeyPrefix: 'names:', env: limitedEnv });
    const client = new Redis(redis.url);
    try {
      const alice = await signUp(t.app);
      await t.app.inject({ url: '/v1/me', headers: alice.headers });
      await t.app.inject({ url: '/v1/me', remoteAddress: '203.0.113.60' });
      await t.app.inject({ method: 'POST', url: '/v1/public/license/claim', remoteAddress: '203.0.113.61', payload: {} });
      await t.app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.62', payload: { email: alice.email, password: 'wrong password' } });
      const keys = (await client.keys('names:*')).sort();
      expect(keys.filter((key) => key.includes('undefined'))).toEqual([]);
      expect(keys).toEqual(
        expect.arrayContaining([
          `names:rl:user:${alice.user.id}`,
          'names:rl:ip:203.0.113.60',
          'names:rl:license_claim:203.0.113.61',
          expect.stringMatching(/^names:login:account:[0-9a-f]{64}$/),
          expect.stringMatching(/^names:login:account-ip:[0-9a-f]{64}:203\.0\.113\.62$/),
        ]),
      );
    } finally {
      client.disconnect();
      await t.close();
    }
  });

  it('keeps serving when Redis goes away, counts the errors, and reports Redis down', async () => {
    const own = await startRedisServer();
    const t: TestApp = await buildTestApp({ database, redisUrl: own.url, env: limitedEnv });
    try {
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await own.stop();
      // Far more requests than the limit: with the limiter's store gone, every one is served.
      for (let i = 0; i < 15; i += 1) {
        const response = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@example.com', password: 'wrong-password' } });
        expect(response.statusCode).toBe(401);
      }
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'down', disk: 'disabled' } });
      const metrics = await t.app.inject({ url: '/metrics' });
      const errors = /^spell_redis_errors_total\{operation="rate_limit"\} (\d+)/m.exec(metrics.body);
      expect(Number(errors?.[1])).toBeGreaterThanOrEqual(15);
    } finally {
      await t.close();
      await own.stop();
    }
  });
});
