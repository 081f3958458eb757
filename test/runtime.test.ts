import { afterAll, describe, expect, it } from 'vitest';
import { createSpellRuntime, inspectWasmModule, type RunParams } from '../src/spells/runtime/index.js';
import { capMemory, readMemoryLimits } from '../src/spells/runtime/wasm-memory.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { exampleSpell } from './helpers/spells.js';

const MiB = 1024 * 1024;
const limits = { timeoutMs: 2_000, memoryBytes: 64 * MiB, outputBytes: MiB };
const runtime = createSpellRuntime({ size: 2 });
afterAll(() => runtime.close());

function params(spell: string, input: unknown, overrides: Partial<RunParams> = {}): RunParams {
  return {
    moduleHash: spell,
    loadModule: async () => exampleSpell(spell),
    functionName: 'cast',
    input: new TextEncoder().encode(JSON.stringify(input)),
    limits,
    ...overrides,
  };
}

async function cast(spell: string, input: unknown): Promise<unknown> {
  const result = await runtime.run(params(spell, input));
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return JSON.parse(new TextDecoder().decode(result.output));
}

describe('runtime: memory caps in the module', () => {
  it('reads and lowers the declared memory maximum, keeping a lower one', () => {
    const open = tinyWasm(['cast'], { memory: { initial: 1 } });
    expect(readMemoryLimits(open)).toEqual([{ initialPages: 1, maxPages: null }]);
    const capped = capMemory(open, 16);
    expect(capped.ok && readMemoryLimits(capped.bytes)).toEqual([{ initialPages: 1, maxPages: 16 }]);
    const tight = capMemory(tinyWasm(['cast'], { memory: { initial: 1, max: 4 } }), 16);
    expect(tight.ok && readMemoryLimits(tight.bytes)).toEqual([{ initialPages: 1, maxPages: 4 }]);
    expect(capMemory(tinyWasm(['cast'], { memory: { initial: 300 } }), 16)).toEqual({ ok: false, initialPages: 300 });
  });

  it('keeps a capped module valid, byte for byte elsewhere', async () => {
    const capped = capMemory(exampleSpell('memory-hog'), 1024);
    expect(capped.ok).toBe(true);
    if (!capped.ok) return;
    expect(await inspectWasmModule(capped.bytes)).toMatchObject({ ok: true, exports: expect.arrayContaining(['cast']) });
    expect(readMemoryLimits(capped.bytes)[0]?.maxPages).toBe(1024);
  });

  it('refuses, at upload, a module that imports its memory or is not Wasm', async () => {
    expect(await inspectWasmModule(tinyWasm(['cast'], { importedMemory: { initial: 1 } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('imports its memory'),
    });
    expect(await inspectWasmModule(new TextEncoder().encode('\0asm nope'))).toMatchObject({ ok: false });
  });

  it('fails a cast whose initial memory alone is over the cap, without running it', async () => {
    const result = await runtime.run(params('big', {}, { moduleHash: 'big-initial', loadModule: async () => tinyWasm(['cast'], { memory: { initial: 2048 } }) }));
    expect(result).toMatchObject({ ok: false, code: 'spell_memory_exceeded' });
  });
});

describe('runtime: example spells', () => {
  it('text-stats counts characters as code points and bytes as UTF-8', async () => {
    expect(await cast('text-stats', { text: 'héllo wörld 😀\nsecond line. Done!' })).toEqual({
      characters: 32,
      bytes: 37,
      words: 6,
      lines: 2,
      sentences: 2,
      longest_word: 'second',
    });
  });

  it('json-transform picks, omits and renames keys of an object or a list of objects', async () => {
    const data = [
      { id: 1, name: 'Ada', email: 'ada@example.com', note: 'line one\nline "two"' },
      { id: 2, name: 'Brendan', email: 'b@example.com', note: null },
    ];
    expect(await cast('json-transform', { data, omit: ['email'], rename: { name: 'full_name' } })).toEqual([
      { id: 1, full_name: 'Ada', note: 'line one\nline "two"' },
      { id: 2, full_name: 'Brendan', note: null },
    ]);
    expect(await cast('json-transform', { data: data[0], pick: ['id', 'name'] })).toEqual({ id: 1, name: 'Ada' });
  });

  it('reports a spell’s own error message as spell_failed', async () => {
    const result = await runtime.run(params('json-transform', { data: 42 }));
    expect(result).toMatchObject({ ok: false, code: 'spell_failed', message: 'input.data must be an object or an array of objects' });
  });

  it('gives every cast a fresh instance: no state survives from one cast to the next', async () => {
    const outputs = await Promise.all(Array.from({ length: 6 }, () => cast('counter', {})));
    expect(outputs).toEqual(Array(6).fill(1));
  });
});

describe('runtime: the pool', () => {
  it('refuses with runtime_busy once the queue is full, and keeps serving afterwards', async () => {
    const small = createSpellRuntime({ size: 1, maxQueue: 1 });
    try {
      const spinning = params('infinite-loop', {}, { limits: { ...limits, timeoutMs: 300 } });
      const first = small.run(spinning);
      while (small.stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const queued = small.run(params('echo', 'queued'));
      const refused = await small.run(params('echo', 'refused'));
      expect(refused).toMatchObject({ ok: false, code: 'runtime_busy' });
      expect(await first).toMatchObject({ ok: false, code: 'spell_timeout' });
      expect(await queued).toMatchObject({ ok: true });
      expect(small.stats()).toMatchObject({ size: 1, busy: 0, queued: 0, restarts: 1 });
    } finally {
      await small.close();
    }
  });

  it('answers casts still waiting when it closes, instead of leaving them hanging', async () => {
    const closing = createSpellRuntime({ size: 1 });
    const spinning = closing.run(params('infinite-loop', {}, { limits: { ...limits, timeoutMs: 10_000 } }));
    while (closing.stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const waiting = closing.run(params('echo', 'late'));
    await closing.close();
    expect(await spinning).toMatchObject({ ok: false, code: 'runtime_busy' });
    expect(await waiting).toMatchObject({ ok: false, code: 'runtime_busy' });
  });

  it('loads and compiles a module once, however many casts use it', async () => {
    let loads = 0;
    const counted = params('echo', 'x', {
      moduleHash: 'echo-counted',
      loadModule: async () => {
        loads += 1;
        return exampleSpell('echo');
      },
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => runtime.run(counted)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(loads).toBe(1);
  });
});
