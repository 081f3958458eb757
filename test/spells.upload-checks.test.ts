import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpellRuntime } from '../src/spells/runtime/index.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, wat } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp();
  creator = await signUp(t.app);
});
afterAll(() => t.close());

let spells = 0;
/** Uploads `bytes` as the first version of a new spell (created with JSON, as before one-step creates). */
async function uploadToNewSpell(bytes: Uint8Array, settings: Record<string, unknown> = {}) {
  const name = `checked-${(spells += 1)}`;
  const created = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name, ...settings } });
  expect(created.statusCode).toBe(201);
  return t.app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...creator.headers, 'content-type': 'application/wasm' },
    payload: Buffer.from(bytes),
  });
}

/** A spell module with the given imports (WAT), defining and exporting its memory and `cast`. */
const withImports = (...imports: string[]) =>
  wat(`(module
    ${imports.join('\n    ')}
    (memory (export "memory") 1)
    (func (export "cast") (result i32) (i32.const 0)))`);

describe('spells.upload-checks: imports', () => {
  it.each([
    [
      'a host function',
      '(import "extism:host/user" "hello_world" (func (param i64) (result i64)))',
      'extism:host/user.hello_world is not provided: spells cannot call host functions',
    ],
    [
      'another namespace',
      '(import "env" "abort" (func (param i32 i32 i32 i32)))',
      "env.abort is not provided: spells may import only Extism's kernel (extism:host/env) and WASI preview 1 (wasi_snapshot_preview1)",
    ],
    ['an unknown kernel function', '(import "extism:host/env" "open_socket" (func))', 'extism:host/env.open_socket is not provided: extism:host/env has no such function'],
    ['WASI before preview 1', '(import "wasi_unstable" "fd_write" (func (param i32 i32 i32 i32) (result i32)))', 'wasi_unstable.fd_write is not provided: build for WASI preview 1'],
    ['a global', '(import "env" "__stack_pointer" (global (mut i32)))', 'env.__stack_pointer is an imported global: spells may import only functions'],
  ])('refuses a module importing %s with 400 validation_failed, naming the module and name', async (_what, line, reason) => {
    const response = await uploadToNewSpell(await withImports('(import "extism:host/env" "output_set" (func (param i64 i64)))', line));
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: string; check: string; message: string; imports: { module: string; name: string; reason: string }[] }>();
    expect(body).toMatchObject({ error: 'validation_failed', check: 'imports', message: expect.stringContaining(reason) });
    // Only the refused import is listed: the kernel's output_set is provided.
    expect(body.imports).toEqual([expect.objectContaining({ reason: expect.stringContaining(reason) })]);
  });

  it('refuses a module that imports its memory, saying a spell must define its own', async () => {
    const response = await uploadToNewSpell(tinyWasm(['cast'], { importedMemory: { initial: 1 } }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'imports',
      message: expect.stringContaining('env.memory is not provided: the module imports its memory; a spell must define its own'),
      imports: [{ module: 'env', name: 'memory', kind: 'memory' }],
    });
  });

  it('lists every refused import: the first five in the message, all of them in `imports`', async () => {
    const names = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    const response = await uploadToNewSpell(await withImports(...names.map((name) => `(import "extism:host/user" "${name}" (func))`)));
    expect(response.statusCode).toBe(400);
    const body = response.json<{ message: string; imports: { name: string }[] }>();
    expect(body.imports.map((entry) => entry.name)).toEqual(names);
    for (const name of names.slice(0, 5)) expect(body.message).toContain(`extism:host/user.${name} is not provided`);
    expect(body.message).not.toContain('extism:host/user.six');
    expect(body.message).toContain('and 2 more imports the platform does not provide');
  });

  it('accepts a WASI preview 1 module (a reactor, as wasi-libc builds one) beside Extism’s kernel', async () => {
    const response = await uploadToNewSpell(
      await wat(`(module
        (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "clock_time_get" (func (param i32 i64 i32) (result i32)))
        (import "wasi_snapshot_preview1" "random_get" (func (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_get" (func (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
        (import "extism:host/env" "input_length" (func (result i64)))
        (import "extism:host/env" "output_set" (func (param i64 i64)))
        (import "extism:host/env" "http_request" (func (param i64 i64) (result i64)))
        (memory (export "memory") 2)
        (func (export "_initialize"))
        (func (export "count_vowels") (result i32) (i32.const 0)))`),
      { function_name: 'count_vowels' },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ version: 1, exports: ['count_vowels'] });
  });

  it('accepts modules built for wasm32-unknown-unknown: Extism’s kernel only, or no imports at all', async () => {
    expect((await uploadToNewSpell(exampleSpell('echo'))).statusCode).toBe(201);
    expect((await uploadToNewSpell(tinyWasm(['cast']))).statusCode).toBe(201);
  });
});

describe('spells.upload-checks: exports and memory', () => {
  it("refuses a module that does not export the spell's function, listing the functions it does export", async () => {
    const response = await uploadToNewSpell(tinyWasm(['run', 'count_vowels']));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'exports',
      function_name: 'cast',
      exports: ['run', 'count_vowels'],
      message: 'The module does not export the function "cast": it exports "run" and "count_vowels". Set the spell\'s function_name to one of them.',
    });
    const none = await uploadToNewSpell(tinyWasm([]));
    expect(none.json()).toMatchObject({ check: 'exports', exports: [], message: expect.stringContaining('it exports no functions') });
  });

  it('checks the function the spell names instead of cast', async () => {
    expect((await uploadToNewSpell(tinyWasm(['cast']), { function_name: 'count_vowels' })).json()).toMatchObject({
      check: 'exports',
      function_name: 'count_vowels',
      exports: ['cast'],
    });
  });

  it('switches the spell to the function_name a version names, only when the version is accepted', async () => {
    const name = 'switches-function';
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name } });
    const send = (bytes: Uint8Array, query: string) =>
      t.app.inject({ method: 'POST', url: `/v1/spells/${name}/versions${query}`, headers: { ...creator.headers, 'content-type': 'application/wasm' }, payload: Buffer.from(bytes) });
    const refused = await send(tinyWasm(['cast']), '?function_name=count_vowels');
    expect(refused.json()).toMatchObject({ error: 'validation_failed', check: 'exports', function_name: 'count_vowels' });
    expect((await t.app.inject({ url: `/v1/spells/${name}`, headers: creator.headers })).json()).toMatchObject({ function_name: 'cast', versions: [] });
    expect((await send(tinyWasm(['count_vowels']), '?function_name=count_vowels')).statusCode).toBe(201);
    expect((await t.app.inject({ url: `/v1/spells/${name}`, headers: creator.headers })).json()).toMatchObject({ function_name: 'count_vowels', latest_version: 1 });
    expect((await send(tinyWasm(['count_vowels']), '?function_name=no-dashes')).statusCode).toBe(400);
  });

  it('refuses a module that defines no memory, with that reason', async () => {
    const response = await uploadToNewSpell(tinyWasm(['cast'], { memory: false }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'no_memory',
      message: expect.stringContaining('the module defines no memory; a spell must define its own linear memory'),
    });
  });

  it('refuses a module whose declared memory is over the cap, naming both', async () => {
    const response = await uploadToNewSpell(tinyWasm(['cast'], { memory: { initial: 1025 } }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'memory',
      message: expect.stringContaining('64.1 MiB of initial memory; the limit is 64 MiB'),
    });
  });

  it('refuses an empty module and one that is not Wasm as format', async () => {
    const empty = await uploadToNewSpell(new Uint8Array(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: 'validation_failed', check: 'format', message: 'The module is empty.' });
    const text = await uploadToNewSpell(new TextEncoder().encode('#!/bin/sh\n'));
    expect(text.json()).toMatchObject({ error: 'validation_failed', check: 'format', message: expect.stringContaining('Not a valid WebAssembly module') });
  });
});

describe('spells.upload-checks: casts of modules stored before the checks', () => {
  it('fails the cast of a module importing its memory with the upload’s reason, not the engine’s link error', async () => {
    const runtime = createSpellRuntime({ size: 1 });
    try {
      const result = await runtime.run({
        moduleHash: 'stored-with-an-imported-memory',
        loadModule: async () => tinyWasm(['cast'], { importedMemory: { initial: 1 } }),
        functionName: 'cast',
        input: new Uint8Array(),
        limits: { timeoutMs: 5_000, memoryBytes: 16 * 1024 * 1024, outputBytes: 1024 },
      });
      expect(result).toMatchObject({
        ok: false,
        code: 'spell_failed',
        message: 'The spell’s module cannot run here: env.memory is not provided: the module imports its memory; a spell must define its own so the platform can cap it.',
      });
    } finally {
      await runtime.close();
    }
  });
});

describe('spells.upload-checks: initialisers are not functions a cast calls', () => {
  const reactor = () =>
    wat(`(module
      (memory (export "memory") 1)
      (func (export "_initialize"))
      (func (export "_start"))
      (func (export "probe") (result i32) (i32.const 0)))`);

  it.each(['_initialize', '_start', 'hs_init'])('refuses %s as a spell’s function, at create', async (name) => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: `init-${name.replace(/_/g, '')}`, function_name: name } });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ error: 'validation_failed', issues: [expect.objectContaining({ message: expect.stringContaining('module initialiser') })] });
  });

  it('does not offer an initialiser among the functions a refused upload lists', async () => {
    const response = await uploadToNewSpell(await reactor());
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ check: 'exports', exports: ['probe'], message: expect.stringContaining('it exports "probe".') });
  });
});

describe('spells.upload-checks: a pinned version keeps its function', () => {
  /** A module whose exported functions each answer their own name. */
  const answering = (...names: string[]) =>
    wat(`(module
      (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
      (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
      (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
      (memory (export "memory") 1)
      (func $answer (param $letter i32) (result i32)
        (local $at i64)
        (local.set $at (call $alloc (i64.const 1)))
        (call $store_u8 (local.get $at) (local.get $letter))
        (call $output_set (local.get $at) (i64.const 1))
        (i32.const 0))
      ${names.map((name) => `(func (export "${name}") (result i32) (call $answer (i32.const ${name.charCodeAt(0)})))`).join('\n      ')})`);

  const send = (name: string, bytes: Uint8Array, query = '') =>
    t.app.inject({ method: 'POST', url: `/v1/spells/${name}/versions${query}`, headers: { ...creator.headers, 'content-type': 'application/wasm' }, payload: Buffer.from(bytes) });
  const cast = async (spell: string) => (await t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell, input: null } })).json<{ output: unknown }>().output;

  it('casts an older version with the function it had when a new version switches the spell’s', async () => {
    const name = 'pinned-on-upload';
    expect((await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name } })).statusCode).toBe(201);
    expect((await send(name, await answering('cast'))).statusCode).toBe(201);
    expect((await send(name, await answering('probe'), '?function_name=probe')).statusCode).toBe(201);
    expect(await cast(name)).toBe('p');
    expect(await cast(`${name}@2`)).toBe('p');
    expect(await cast(`${name}@1`)).toBe('c');
    const detail = (await t.app.inject({ method: 'GET', url: `/v1/spells/${name}`, headers: creator.headers })).json<{ versions: { version: number; function_name: string | null }[] }>();
    expect(detail.versions.map((v) => [v.version, v.function_name])).toEqual([[2, null], [1, 'cast']]);
  });

  it('casts an older version with the function it had when PATCH switches the spell’s', async () => {
    const name = 'pinned-on-patch';
    expect((await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name } })).statusCode).toBe(201);
    expect((await send(name, await answering('cast', 'probe'))).statusCode).toBe(201);
    expect((await send(name, await answering('cast', 'probe'))).statusCode).toBe(201);
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/spells/${name}`, headers: creator.headers, payload: { function_name: 'probe' } });
    expect(patched.statusCode).toBe(200);
    expect(await cast(name)).toBe('p');
    expect(await cast(`${name}@1`)).toBe('c');
  });
});
