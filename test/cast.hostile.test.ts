import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigFunction, bigTable, manyFunctions, nestedBlocks } from './fixtures/heavy-wasm.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const MiB = 1024 * 1024;
/**
 * Before the host-memory budget, two casts of var-hog grew the process by about 2 GiB; with it,
 * the first var it tries to keep stops it.
 */
const RSS_GROWTH_BOUND = 256 * MiB;

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ env: { SPELL_WORKERS: '2' } });
  creator = await signUp(t.app);
  for (const name of ['echo', 'var-hog']) await publish(t.app, creator, name, exampleSpell(name));
});
afterAll(() => t.close());

function cast(spell: string, input: unknown = {}) {
  return t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell, input } });
}

/** Creates a spell (calling `functionName`, when given) and uploads `bytes` as its module; answers the upload's response. */
async function upload(app: TestApp['app'], owner: SignedUp, name: string, bytes: Uint8Array, functionName?: string) {
  const created = await app.inject({ method: 'POST', url: '/v1/spells', headers: owner.headers, payload: { name, function_name: functionName } });
  expect(created.statusCode).toBe(201);
  return app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...owner.headers, 'content-type': 'application/wasm' },
    payload: Buffer.from(bytes),
  });
}

/** Casts echo over and over until `done` settles; answers every status it got. */
async function goodStream(done: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  while (!finished) statuses.push((await cast('echo', { ping: statuses.length })).statusCode);
  return statuses;
}

describe('cast.hostile: host memory', () => {
  it('stops a spell that hoards host memory in Extism vars; the server stays small and other casts succeed', async () => {
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    try {
      const hoarding = Promise.all([cast('var-hog'), cast('var-hog')]);
      const statuses = await goodStream(hoarding);
      for (const response of await hoarding) {
        expect(response.statusCode).toBe(422);
        expect(response.json()).toMatchObject({ error: 'spell_memory_exceeded' });
      }
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200)).toBe(true);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage.rss());
    expect(peak - before).toBeLessThan(RSS_GROWTH_BOUND);
    expect((await cast('echo', 'after')).json()).toMatchObject({ output: 'after' });
  });
});

describe('cast.hostile: module limits at upload', () => {
  it('refuses a compile bomb at upload, naming the nesting limit, while other casts keep succeeding', async () => {
    // 1.8 MB, under the body-size limit: only its nesting gives it away.
    const refusal = upload(t.app, creator, 'bomb', nestedBlocks(600_000));
    const statuses = await goodStream(refusal);
    const response = await refusal;
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'nesting',
      message: expect.stringContaining('nests blocks more than 10000 deep'),
    });
    expect(statuses.every((status) => status === 200)).toBe(true);
    const versions = await t.app.inject({ url: '/v1/spells/bomb', headers: creator.headers });
    expect(versions.json()).toMatchObject({ latest_version: null });
  });

  it.each([
    ['functions', manyFunctions(100_001), '100001 functions; the limit is 100000'],
    ['function_size', bigFunction(2 * MiB + 1), `function 0 is ${2 * MiB + 1} bytes`],
    ['table_size', bigTable(1_000_001), '1000001 elements; the limit is 1000000'],
    ['memory', tinyWasm(['cast'], { memory: { initial: 1025 } }), '64.1 MiB of initial memory; the limit is 64 MiB'],
  ])('refuses a module over the %s limit at upload, with its reason', async (limit, bytes, reason) => {
    const response = await upload(t.app, creator, `over-${limit.replace('_', '-')}`, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', check: limit, message: expect.stringContaining(reason) });
  });

  it('still uploads and casts every example spell', async () => {
    const built = fileURLToPath(new URL('../spells/examples/build/', import.meta.url));
    // c-vowels keeps the name of Extism's classic demo for its function.
    const functions: Record<string, string> = { 'c-vowels': 'count_vowels' };
    for (const file of readdirSync(built).filter((name) => name.endsWith('.wasm'))) {
      const example = file.replace(/\.wasm$/, '');
      const name = `example-${example}`;
      const response = await upload(t.app, creator, name, exampleSpell(example), functions[example]);
      expect([name, response.statusCode]).toEqual([name, 201]);
    }
    expect((await cast('example-echo', { hello: 'again' })).json()).toMatchObject({ output: { hello: 'again' } });
    expect((await cast('example-text-stats', { text: 'two words' })).json()).toMatchObject({ output: { words: 2 } });
  });
});

describe('cast.hostile: compile time bound', () => {
  it('refuses a module whose compile runs past SPELL_COMPILE_TIMEOUT_MS, then compiles the next one', async () => {
    // Nesting and body size are let through here so the bomb reaches the engine, which needs well
    // over 40 ms to validate it.
    const slow = await buildTestApp({
      env: { SPELL_WORKERS: '1', SPELL_COMPILE_TIMEOUT_MS: '40', SPELL_MAX_NESTING: '1000000', SPELL_MAX_FUNCTION_BYTES: '7654321' },
    });
    try {
      const owner = await signUp(slow.app);
      const refused = await upload(slow.app, owner, 'slow-bomb', nestedBlocks(1_000_000));
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        error: 'validation_failed',
        check: 'compile_time',
        message: expect.stringContaining('longer than 40 ms'),
      });
      const accepted = await upload(slow.app, owner, 'tiny', tinyWasm(['cast'], { memory: { initial: 1 } }));
      expect(accepted.statusCode).toBe(201);
    } finally {
      await slow.close();
    }
  });
});
