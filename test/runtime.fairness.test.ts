import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantEntitlement } from '../src/tenants/entitlements.js';
import { loadConfig } from '../src/config.js';
import { createSpellRuntime, type RunParams, type RunResult, type SpellRuntime } from '../src/spells/runtime/index.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const MiB = 1024 * 1024;

// Long enough that the casts a test queues behind a running one get there before it ends, even on
// a loaded machine; every cast of a test ends at this limit, so it sets the test's length.
function loop(tenant: string, timeoutMs = 500): RunParams {
  return {
    moduleHash: 'infinite-loop',
    loadModule: async () => exampleSpell('infinite-loop'),
    functionName: 'cast',
    input: new TextEncoder().encode('{}'),
    limits: { timeoutMs, memoryBytes: 64 * MiB, outputBytes: MiB },
    tenant: { id: tenant },
  };
}

/** Waits for the pool to reach a state (casts reach it asynchronously); fails after 10 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('the pool never reached the expected state');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('runtime.fairness: the pool', () => {
  let runtime: SpellRuntime | undefined;
  afterAll(() => runtime?.close());

  it('dispatches another tenant’s cast before the runaway tenant’s next one', async () => {
    runtime = createSpellRuntime({ size: 1, tenantShare: { maxRunning: 1, maxQueued: 10 } });
    const pool = runtime;
    const finished: string[] = [];
    const cast = (tenant: string, name: string) => pool.run(loop(tenant)).then((result) => finished.push(`${name}:${result.ok ? 'ok' : result.code}`));
    // Every cast runs exactly its time limit, so the order they end in is the order they started in.
    const casts = [cast('noisy', 'n1')];
    await until(() => pool.stats().busy === 1);
    casts.push(cast('noisy', 'n2'), cast('noisy', 'n3'));
    await until(() => pool.stats().queued === 2);
    casts.push(cast('victim', 'v1'));
    await until(() => pool.stats().queued === 3);
    await Promise.all(casts);
    expect(finished).toEqual(['n1:spell_timeout', 'v1:spell_timeout', 'n2:spell_timeout', 'n3:spell_timeout']);
    await pool.close();
  });

  it('calls onStart when a worker takes the cast, not while it waits for one', async () => {
    runtime = createSpellRuntime({ size: 1, tenantShare: { maxRunning: 1, maxQueued: 10 } });
    const pool = runtime;
    const events: string[] = [];
    const first = pool.run({ ...loop('a'), onStart: () => events.push('a:start') }).then(() => events.push('a:end'));
    await until(() => pool.stats().busy === 1);
    const second = pool.run({ ...loop('b'), onStart: () => events.push('b:start') }).then(() => events.push('b:end'));
    await until(() => pool.stats().queued === 1);
    // b waits for the one worker: it has not started.
    expect(events).toEqual(['a:start']);
    await Promise.all([first, second]);
    expect(events.filter((event) => event.endsWith(':start'))).toEqual(['a:start', 'b:start']);
    expect(events.indexOf('b:start')).toBeGreaterThan(0);
    expect(events.at(-1)).toBe('b:end');
    await pool.close();
  });

  it('lets one tenant use every idle worker while nobody else waits', async () => {
    runtime = createSpellRuntime({ size: 2, tenantShare: { maxRunning: 1, maxQueued: 10 } });
    const pool = runtime;
    const casts = [pool.run(loop('noisy')), pool.run(loop('noisy'))];
    await until(() => pool.stats().busy === 2);
    expect(pool.stats()).toMatchObject({ busy: 2, queued: 0 });
    expect((await Promise.all(casts)).map((result) => result.ok || result.code)).toEqual(['spell_timeout', 'spell_timeout']);
    await pool.close();
  });

  it('takes a worker lent past a share back for a tenant within its share, and runs the lent cast later', async () => {
    runtime = createSpellRuntime({ size: 2, tenantShare: { maxRunning: 1, maxQueued: 10 } });
    const pool = runtime;
    const finished: string[] = [];
    const track = (name: string, cast: Promise<RunResult>) => cast.then((result) => finished.push(`${name}:${result.ok ? 'ok' : result.code}`));
    // The victim waits for a fresh worker to start, which takes seconds on a loaded machine.
    const noisy = [track('n1', pool.run(loop('noisy', 4_000))), track('n2', pool.run(loop('noisy', 4_000)))];
    await until(() => pool.stats().busy === 2);
    const echo: RunParams = { ...loop('victim'), moduleHash: 'echo', loadModule: async () => exampleSpell('echo') };
    await track('victim', pool.run(echo));
    // Without taking a worker back, the victim would have waited for a loop's 4 s limit and ended after it.
    expect(finished).toEqual(['victim:ok']);
    await Promise.all(noisy);
    expect(finished.slice(1).sort()).toEqual(['n1:spell_timeout', 'n2:spell_timeout']);
    expect(pool.stats().restarts).toBe(3);
    await pool.close();
  });

  it('refuses a tenant past its share as the tenant’s, and anyone once the queue is full as the pool’s', async () => {
    runtime = createSpellRuntime({ size: 1, maxQueue: 2, tenantShare: { maxRunning: 1, maxQueued: 1 } });
    const pool = runtime;
    const accepted: Promise<RunResult>[] = [pool.run(loop('a', 1_000))];
    await until(() => pool.stats().busy === 1);
    accepted.push(pool.run(loop('a', 1_000)));
    await until(() => pool.stats().queued === 1);
    expect(await pool.run(loop('a'))).toMatchObject({ ok: false, code: 'runtime_busy', busy: { scope: 'tenant', retryAfterSeconds: 1 } });
    accepted.push(pool.run(loop('b', 1_000)));
    await until(() => pool.stats().queued === 2);
    expect(await pool.run(loop('c'))).toMatchObject({ ok: false, code: 'runtime_busy', busy: { scope: 'pool' } });
    await pool.close();
    await Promise.all(accepted);
  });
});

describe('runtime.fairness: the cast API', () => {
  // Each test sends its later casts through the whole HTTP path (auth, budget hold) while the first
  // ones spin; on a loaded machine that can take over a second, and a spin that ended first would
  // leave nothing to queue behind. Three seconds leaves the margin without slowing the run much.
  const TIMEOUT_MS = 3_000;
  let t: TestApp;
  let noisy: SignedUp;
  let victim: SignedUp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        SPELL_WORKERS: '2',
        SPELL_TENANT_MAX_RUNNING: '1',
        SPELL_TENANT_MAX_QUEUED: '1',
        SPELL_TENANT_PLAN_SHARES: 'PRO:2:2',
        SPELL_DEFAULT_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    noisy = await signUp(t.app);
    victim = await signUp(t.app);
    // Another creator's priced spell: a caster's own spell would cost it only the platform default.
    await publish(t.app, victim, 'spin', exampleSpell('infinite-loop'), { price_cents: 5, visibility: 'public' });
    await publish(t.app, victim, 'echo', exampleSpell('echo'));
    await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: noisy.headers, payload: { period: 'monthly', soft_limit_cents: 1_000, hard_limit_cents: 1_000 } });
  });
  afterAll(() => t.close());

  const cast = (who: SignedUp, spell: string) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: who.headers, payload: { spell, input: {} } });
  const usage = async (who: SignedUp) => (await t.app.inject({ url: '/v1/budgets/usage', headers: who.headers })).json<{ used_cents: number; reserved_cents: number }>();

  it('answers a tenant past its share 429 runtime_busy at no cost, while another tenant still casts', async () => {
    const stats = () => t.services.runtime.stats();
    const spinning = [cast(noisy, `${victim.handle}/spin`)];
    await until(() => stats().busy === 1);
    spinning.push(cast(noisy, `${victim.handle}/spin`));
    await until(() => stats().busy === 2);
    spinning.push(cast(noisy, `${victim.handle}/spin`));
    await until(() => stats().queued === 1);

    const refused = await cast(noisy, `${victim.handle}/spin`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'runtime_busy', cast_id: expect.any(String), retry_after_seconds: expect.any(Number) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const record = await t.app.inject({ url: `/v1/casts/${refused.json<{ cast_id: string }>().cast_id}`, headers: noisy.headers });
    expect(record.json()).toMatchObject({ status: 'failed', error_code: 'runtime_busy', cost_cents: 0 });
    // Only the three casts still running or waiting hold budget; the refused one gave its hold back.
    expect(await usage(noisy)).toMatchObject({ used_cents: 0, reserved_cents: 15 });

    const served = await cast(victim, 'echo');
    expect(served.statusCode).toBe(200);

    const ended = await Promise.all(spinning);
    expect(ended.map((response) => response.json<{ error: string }>().error)).toEqual(['spell_timeout', 'spell_timeout', 'spell_timeout']);
    expect(await usage(noisy)).toMatchObject({ used_cents: 0, reserved_cents: 0 });
  });

  it('gives a tenant its plan’s share when one is configured', async () => {
    const stats = () => t.services.runtime.stats();
    const pro = await signUp(t.app);
    await grantEntitlement(t.services.db, { tenantId: pro.user.tenant_id, planCode: 'PRO', source: 'manual', sourceRef: null, actor: { type: 'system' }, now: new Date() });
    await publish(t.app, pro, 'pro-spin', exampleSpell('infinite-loop'));
    const spinning = [cast(pro, 'pro-spin'), cast(pro, 'pro-spin')];
    await until(() => stats().busy === 2);
    // PRO:2:2 here: two more may wait, where the default share (1:1) would refuse the second.
    spinning.push(cast(pro, 'pro-spin'), cast(pro, 'pro-spin'));
    await until(() => stats().queued === 2);
    const ended = await Promise.all(spinning);
    expect(ended.map((response) => response.statusCode)).toEqual([422, 422, 422, 422]);
  });
});

describe('runtime.fairness: configuration', () => {
  it('reads per-plan shares and names the variable when they are malformed', () => {
    expect(loadConfig({ SPELL_TENANT_PLAN_SHARES: 'PRO:4:32,LIFETIME:8:0' }).spells.planShares).toEqual({
      PRO: { maxRunning: 4, maxQueued: 32 },
      LIFETIME: { maxRunning: 8, maxQueued: 0 },
    });
    expect(loadConfig({}).spells).toMatchObject({ tenantShare: { maxRunning: 0, maxQueued: 64 }, planShares: {} });
    expect(() => loadConfig({ SPELL_TENANT_PLAN_SHARES: 'GOLD:4:32' })).toThrow(/SPELL_TENANT_PLAN_SHARES/);
    expect(() => loadConfig({ SPELL_TENANT_PLAN_SHARES: 'PRO:0:32' })).toThrow(/SPELL_TENANT_PLAN_SHARES/);
  });
});
