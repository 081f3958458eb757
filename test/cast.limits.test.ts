import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

// Long enough that memory-hog, deep-recursion and huge-output reach their own limit before the
// clock stops them, even on a loaded machine (at 400 ms a slow run could end as spell_timeout).
const TIMEOUT_MS = 2_000;
// What matters is that a cast ends at its limit rather than running on to the 30 s a test may take;
// a loaded machine can add seconds to the HTTP path and to starting a fresh worker.
const MARGIN_MS = 8_000;

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({
    env: { SPELL_WORKERS: '2', SPELL_DEFAULT_TIMEOUT_MS: String(TIMEOUT_MS), SPELL_OUTPUT_LIMIT_BYTES: String(1024 * 1024) },
  });
  creator = await signUp(t.app);
  for (const name of ['echo', 'infinite-loop', 'memory-hog', 'deep-recursion', 'trap', 'huge-output']) {
    await publish(t.app, creator, name, exampleSpell(name));
  }
});
afterAll(() => t.close());

async function castTimed(spell: string, input: unknown = {}) {
  const started = performance.now();
  const response = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell, input } });
  return { response, elapsedMs: performance.now() - started };
}

/** Casts echo over and over until `done` resolves; every one of them must succeed. */
async function goodStream(done: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  while (!finished) {
    const { response } = await castTimed('echo', { ping: statuses.length });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('cast.limits', () => {
  it.each([
    ['infinite-loop', 'spell_timeout'],
    ['memory-hog', 'spell_memory_exceeded'],
    ['deep-recursion', 'spell_trapped'],
    ['trap', 'spell_trapped'],
    ['huge-output', 'spell_output_too_large'],
  ])('%s fails with %s within its limit while other casts keep being served', async (spell, code) => {
    const bad = castTimed(spell);
    const statuses = await goodStream(bad);
    const { response, elapsedMs } = await bad;
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: code, cast_id: expect.any(String) });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const recorded = await t.app.inject({ url: `/v1/casts/${response.json<{ cast_id: string }>().cast_id}`, headers: creator.headers });
    expect(recorded.json()).toMatchObject({ status: 'failed', error_code: code, cost_cents: 0 });
  });

  it('recovers the pool to full size after terminating workers', async () => {
    await Promise.all([castTimed('infinite-loop'), castTimed('infinite-loop')]);
    const { response } = await castTimed('echo', 'after');
    expect(response.json()).toMatchObject({ output: 'after' });
    expect(t.services.runtime.stats()).toMatchObject({ size: 2 });
    expect(t.services.runtime.stats().restarts).toBeGreaterThanOrEqual(2);
  });

  it('serves many concurrent casts of one spell', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell: 'echo', input: { i } } }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(40).fill(200));
    expect(responses.map((response) => response.json<{ output: { i: number } }>().output.i)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
  });
});
