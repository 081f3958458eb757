import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODULE_LIMITS, checkModuleStructure, type ModuleLimits } from '../src/spells/runtime/wasm-structure.js';
import { bigFunction, bigTable, manyFunctions, nestedBlocks } from './fixtures/heavy-wasm.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { assembleWat, exampleSpell } from './helpers/spells.js';

const limits = DEFAULT_MODULE_LIMITS;


describe('runtime: structural limits of a module', () => {
  it('admits every example spell under the default limits', () => {
    const built = fileURLToPath(new URL('../spells/examples/build/', import.meta.url));
    const names = readdirSync(built).filter((file) => file.endsWith('.wasm'));
    expect(names.length).toBeGreaterThan(5);
    for (const file of names) {
      expect([file, checkModuleStructure(exampleSpell(file.replace(/\.wasm$/, '')), limits)]).toEqual([file, { ok: true }]);
    }
  });

  it('admits a real multi-megabyte module: PGlite’s PostgreSQL (9 MB of C, blocks nested 2,000 deep)', () => {
    const pglite = fileURLToPath(new URL('../node_modules/@electric-sql/pglite/dist/pglite.wasm', import.meta.url));
    const bytes = readFileSync(pglite);
    expect(bytes.byteLength).toBeGreaterThan(4 * 1024 * 1024);
    // Its memory is imported, so the memory limit has nothing to refuse here.
    expect(checkModuleStructure(bytes, limits)).toEqual({ ok: true });
    expect(checkModuleStructure(bytes, { ...limits, maxNesting: 1_000 })).toMatchObject({ ok: false, limit: 'nesting' });
  });

  it('measures nesting by instructions, not by bytes that look like block and end', async () => {
    const tricky = await assembleWat('tricky-immediates.wat');
    expect(checkModuleStructure(tricky, { ...limits, maxNesting: 3 })).toEqual({ ok: true });
    expect(checkModuleStructure(tricky, { ...limits, maxNesting: 2 })).toMatchObject({ ok: false, limit: 'nesting' });
  });

  it.each<[string, Uint8Array, Partial<ModuleLimits>, string, RegExp]>([
    ['functions', manyFunctions(11), { maxFunctions: 10 }, 'functions', /11 functions; the limit is 10/],
    ['body size', bigFunction(2_000), { maxFunctionBytes: 1_999 }, 'function_size', /function 0 is 2000 bytes/],
    ['nesting', nestedBlocks(101), { maxNesting: 100 }, 'nesting', /more than 100 deep/],
    ['table size', bigTable(1_001), { maxTableElements: 1_000 }, 'table_size', /1001 elements; the limit is 1000/],
    ['memory', tinyWasm(['cast'], { memory: { initial: 17 } }), { maxMemoryBytes: 1024 * 1024 }, 'memory', /1.1 MiB of initial memory; the limit is 1 MiB/],
  ])('refuses a module over its %s limit, and admits it at the limit', (_name, bytes, tight, limit, reason) => {
    expect(checkModuleStructure(bytes, { ...limits, ...tight })).toMatchObject({ ok: false, limit, reason: expect.stringMatching(reason) });
    expect(checkModuleStructure(bytes, limits)).toEqual({ ok: true });
  });

  it('refuses what is not a module, or is cut short, as a format problem', () => {
    expect(checkModuleStructure(new TextEncoder().encode('\0asm'), limits)).toMatchObject({ ok: false, limit: 'format' });
    expect(checkModuleStructure(new TextEncoder().encode('not wasm at all'), limits)).toMatchObject({ ok: false, limit: 'format' });
    const bomb = nestedBlocks(1_000);
    expect(checkModuleStructure(bomb.subarray(0, bomb.length - 500), limits)).toMatchObject({ ok: false, limit: 'format' });
  });
});
