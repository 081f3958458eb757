import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createSpellRuntime, type RunParams, type RuntimeOptions } from '../src/spells/runtime/index.js';
import { exampleSpell } from './helpers/spells.js';

const MiB = 1024 * 1024;

function params(spell: string, input: unknown = {}): RunParams {
  return {
    moduleHash: spell,
    loadModule: async () => exampleSpell(spell),
    functionName: 'cast',
    input: new TextEncoder().encode(JSON.stringify(input)),
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB, outputBytes: MiB },
  };
}

async function withRuntime(options: RuntimeOptions, body: (runtime: ReturnType<typeof createSpellRuntime>) => Promise<void>) {
  const runtime = createSpellRuntime({ size: 1, ...options });
  try {
    await body(runtime);
  } finally {
    await runtime.close();
  }
}

describe('runtime: host memory outside the guest’s cap', () => {
  it('stops a spell at its var limit with spell_memory_exceeded, and the worker serves the next cast', async () => {
    await withRuntime({ varBytes: MiB }, async (runtime) => {
      expect(await runtime.run(params('var-hog'))).toMatchObject({
        ok: false,
        code: 'spell_memory_exceeded',
        message: expect.stringContaining('var memory limit exceeded'),
      });
      expect(await runtime.run(params('echo', 'next'))).toMatchObject({ ok: true });
      expect(runtime.stats().restarts).toBe(0);
    });
  });

  it('refuses a block over the per-cast host budget before allocating it', async () => {
    await withRuntime({ hostMemoryBytes: 16 * MiB }, async (runtime) => {
      expect(await runtime.run(params('var-hog'))).toMatchObject({
        ok: false,
        code: 'spell_memory_exceeded',
        message: expect.stringContaining('the limit is 16 MiB'),
      });
    });
  });

  it('ends a worker whose memory passes its bound, fails its cast, and replaces the worker', async () => {
    // Vars are let through here, so only the watchdog stands between var-hog and 2 GiB.
    await withRuntime({ varBytes: 4096 * MiB, workerMemoryBytes: 128 * MiB }, async (runtime) => {
      expect(await runtime.run(params('var-hog'))).toMatchObject({
        ok: false,
        code: 'spell_memory_exceeded',
        message: expect.stringContaining('past its 128 MiB bound'),
      });
      expect(runtime.stats()).toMatchObject({ size: 1, restarts: 1 });
      expect(await runtime.run(params('echo', 'after'))).toMatchObject({ ok: true });
    });
  });
});

describe('runtime: what a spell can make the host hold outside its memory', () => {
  it('caps how far tables grow, so growing twenty of them by millions is refused by the engine', async () => {
    // Without a declared maximum each growth is granted, copied on the worker's heap in steps no
    // timer interrupts, until the process aborts; table-hog fails if any growth was granted.
    await withRuntime({}, async (runtime) => {
      expect(await runtime.run(params('table-hog'))).toMatchObject({ ok: true });
      expect(runtime.stats().restarts).toBe(0);
    });
  });

  it('cuts a spell’s own error text to a readable length, without NULs', async () => {
    await withRuntime({}, async (runtime) => {
      const result = await runtime.run(params('error-hog'));
      expect(result).toMatchObject({ ok: false, code: 'spell_failed', message: expect.stringMatching(/… \(cut at 1000 characters\)$/) });
      const message = result.ok ? '' : result.message;
      expect(message.length).toBeLessThan(1_100);
      expect(message).not.toContain('\u0000');
      expect(await runtime.run(params('echo', 'next'))).toMatchObject({ ok: true });
    });
  });
});

describe('runtime: memory settings', () => {
  it('bounds a worker at twice its casts’ guest and host memory plus 256 MiB, unless told otherwise', () => {
    expect(loadConfig({}).spells).toMatchObject({ hostMemoryBytes: 64 * MiB, varBytes: MiB, workerMemoryBytes: 512 * MiB });
    expect(loadConfig({ SPELL_MEMORY_LIMIT_MB: '128', SPELL_HOST_MEMORY_LIMIT_MB: '32' }).spells.workerMemoryBytes).toBe(576 * MiB);
    expect(loadConfig({ SPELL_WORKER_MEMORY_LIMIT_MB: '300' }).spells.workerMemoryBytes).toBe(300 * MiB);
    expect(loadConfig({ SPELL_MEMORY_LIMIT_MB: '32' }).spells.moduleLimits).toMatchObject({ maxMemoryBytes: 32 * MiB, maxNesting: 10_000 });
  });
});
