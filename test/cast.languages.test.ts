import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpellRuntime } from '../src/spells/runtime/index.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell } from './helpers/spells.js';
import { hasClangWasi, hasRustWasm } from './helpers/toolchains.js';
import { signUp, type SignedUp } from './helpers/users.js';

/**
 * The example spells built from C (clang + wasi-libc, a WASI reactor) and Rust (rustc,
 * wasm32-unknown-unknown), published and cast through the real server as a creator would. The
 * AssemblyScript examples are cast by the other cast.* suites.
 */

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp();
  creator = await signUp(t.app);
});
afterAll(() => t.close());

/** Creates a spell calling `functionName`, then uploads the example as its first version. */
async function publishExample(name: string, example: string, functionName = 'cast') {
  const created = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name, function_name: functionName } });
  expect(created.statusCode).toBe(201);
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...creator.headers, 'content-type': 'application/wasm' },
    payload: Buffer.from(exampleSpell(example)),
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return uploaded.json<{ exports: string[] }>();
}

const cast = (spell: string, input: unknown) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell, input } });

describe.runIf(hasRustWasm())('cast.languages: Rust (rustc, wasm32-unknown-unknown, no crates)', () => {
  beforeAll(() => publishExample('rust-words', 'rust-words'));

  it('counts and reverses the words of its input', async () => {
    const response = await cast('rust-words', { text: 'Hello brave new world hello' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      output: { words: 5, unique: 4, longest: 'Hello', reversed: 'hello world new brave Hello' },
    });
  });

  it('keeps non-ASCII text whole, both ways', async () => {
    const response = await cast('rust-words', { text: 'été "à" 😀' });
    expect(response.json()).toMatchObject({ output: { words: 3, longest: 'été', reversed: '😀 "à" été' } });
  });

  it('reads an input shorter than one 8-byte word', async () => {
    const response = await cast('rust-words', { t: 1 });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'spell_failed', message: expect.stringContaining('input must be an object like {"text": "..."}') });
  });

  it("fails with the spell's own message on input it cannot read", async () => {
    const response = await cast('rust-words', ['not', 'an', 'object']);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'spell_failed', message: expect.stringContaining("expected '{' at byte 0") });
  });
});

describe.runIf(hasClangWasi())('cast.languages: C (clang + wasi-libc, a WASI reactor)', () => {
  beforeAll(async () => {
    const version = await publishExample('c-vowels', 'c-vowels', 'count_vowels');
    // A reactor: its initialiser runs before every call and is not among the functions a cast can call.
    expect(version.exports).toEqual(['count_vowels']);
  });

  it('counts vowels, using the kernel’s vars and the WASI clock', async () => {
    const response = await cast('c-vowels', 'Hello, World!');
    expect(response.statusCode, response.body).toBe(200);
    const { output } = response.json<{ output: { count: number; total: number; vowels: string; unix_time: number } }>();
    expect(output).toMatchObject({ count: 3, total: 3, vowels: 'aeiouAEIOU' });
    // The clock is the real one: some time after this file was written.
    expect(output.unix_time).toBeGreaterThan(Date.UTC(2026, 0, 1) / 1000);
  });

  it('counts only ASCII vowels, not the letters of escapes, and reads an input shorter than one 8-byte word', async () => {
    // Sent as "Üé A\n\u0007": the n of \n and the u of \u0007 are no vowels.
    expect((await cast('c-vowels', 'Üé A\n\u0007')).json()).toMatchObject({ output: { count: 1 } });
    expect((await cast('c-vowels', 'a')).json()).toMatchObject({ output: { count: 1 } });
  });

  it("fails with the spell's own message on input that is not a JSON string", async () => {
    const response = await cast('c-vowels', { text: 'Hello' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'spell_failed', message: expect.stringContaining('input must be a JSON string') });
  });

  it('keeps what it prints to stdout and logs through the kernel with the cast', async () => {
    const runtime = createSpellRuntime({ size: 1 });
    try {
      const bytes = exampleSpell('c-vowels');
      const result = await runtime.run({
        moduleHash: 'c-vowels:languages-test',
        loadModule: async () => bytes,
        functionName: 'count_vowels',
        input: new TextEncoder().encode('"Hello, World!"'),
        limits: { timeoutMs: 5_000, memoryBytes: 16 * 1024 * 1024, outputBytes: 1024 * 1024 },
      });
      expect(result.ok).toBe(true);
      expect(result.logs).toEqual(
        expect.arrayContaining([
          { stream: 'stdout', level: 'info', message: 'counted 3 vowels' },
          { stream: 'log', level: 'info', message: 'count_vowels: 3 of 15 bytes' },
        ]),
      );
    } finally {
      await runtime.close();
    }
  });
});
