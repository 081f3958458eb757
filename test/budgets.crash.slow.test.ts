import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { exampleSpell } from './helpers/spells.js';
import { api, startServerProcess } from './helpers/server-process.js';

const PRICE = 5;
const HARD = 20 * PRICE;
let database: TestDatabase | undefined;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spell-crash-'));
  database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  env = {
    ...(database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `crash:${Date.now()}:` } : {}),
    SEED_DEMO_SPELL: 'false',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_ANON_PER_MINUTE: '100000',
    CAST_EXPIRY_GRACE_MS: '0',
    CAST_RECONCILE_INTERVAL_MS: '200',
  };
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});


type Cast = { status: string; cost_cents: number | null; error_code: string | null };

/** Polls until `condition` holds; fails after 60 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > 60_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('budgets.crash', () => {
  it('after SIGKILL mid-burst and a restart, every cast ends in one final state and no hold outlives its expiry', async () => {
    let server = await startServerProcess(env);
    const { body: session } = await api<{ token: string }>(server, '/v1/auth/register', {
      method: 'POST',
      json: { email: 'crash@example.com', password: 'crash test password' },
    });
    const token = session.token;
    await api(server, '/v1/spells', { method: 'POST', token, json: { name: 'slow-loop', price_cents: PRICE } });
    await api(server, '/v1/spells/slow-loop/versions', { method: 'POST', token, wasm: exampleSpell('infinite-loop') });
    await api(server, '/v1/spells/slow-loop', { method: 'PATCH', token, json: { timeout_ms: 1_500 } });
    await api(server, '/v1/spells', { method: 'POST', token, json: { name: 'quick', price_cents: PRICE } });
    await api(server, '/v1/spells/quick/versions', { method: 'POST', token, wasm: exampleSpell('echo') });
    await api(server, '/v1/budgets', { method: 'POST', token, json: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: HARD } });

    const burst = Array.from({ length: 30 }, (_, i) =>
      api(server, '/v1/cast', { method: 'POST', token, json: { spell: i % 3 === 0 ? 'quick' : 'slow-loop', input: i } }).catch(() => undefined),
    );
    // Kill it once casts are under way, however long a loaded machine takes to get them there.
    await until(async () => (await api<{ casts: Cast[] }>(server, '/v1/casts?limit=200', { token })).body.casts.some((cast) => cast.status === 'running'));
    await server.kill('SIGKILL');
    await Promise.all(burst);

    server = await startServerProcess(env);
    try {
      type Usage = { used_cents: number; reserved_cents: number; hard_limit_cents: number };
      let history: Cast[] = [];
      const restarted = server;
      await until(async () => {
        history = (await api<{ casts: Cast[] }>(restarted, '/v1/casts?limit=200', { token })).body.casts;
        return history.every((cast) => cast.status !== 'running');
      });
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((cast) => cast.status === 'succeeded' || cast.status === 'failed')).toBe(true);
      expect(history.some((cast) => cast.error_code === 'interrupted')).toBe(true);

      const usage = (await api<Usage>(server, '/v1/budgets/usage', { token })).body;
      expect(usage.reserved_cents).toBe(0);
      expect(usage.used_cents + usage.reserved_cents).toBeLessThanOrEqual(HARD);
      expect(usage.used_cents).toBe(history.reduce((sum, cast) => sum + (cast.cost_cents ?? 0), 0));
      // And the budget keeps working after recovery.
      expect((await api(server, '/v1/cast', { method: 'POST', token, json: { spell: 'quick', input: 'after' } })).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 120_000);
});
