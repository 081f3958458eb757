import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSpellRuntime, type RunParams, type RunResult } from '../src/spells/runtime/index.js';
import { linkForSandbox } from '../src/spells/runtime/wasm-linking.js';
import { assembleWat, wat } from './helpers/spells.js';

const MiB = 1024 * 1024;
const limits = { timeoutMs: 5_000, memoryBytes: 16 * MiB, outputBytes: MiB };
const runtime = createSpellRuntime({ size: 1, logChars: 200 });
afterAll(() => runtime.close());


async function cast(file: string, functionName: string, input: string = '{}', overrides: Partial<RunParams> = {}): Promise<RunResult> {
  const bytes = await assembleWat(file);
  return runtime.run({
    moduleHash: `${file}:wasi-test`,
    loadModule: async () => bytes,
    functionName,
    input: new TextEncoder().encode(input),
    limits,
    ...overrides,
  });
}

const text = (result: RunResult) => (result.ok ? new TextDecoder().decode(result.output) : `${result.code}: ${result.message}`);

describe('runtime: sandboxed WASI preview 1', () => {
  it('runs a reactor: initialised before the call, stdout, stderr and Extism logs kept with the cast, clocks and random work, no environment', async () => {
    const result = await cast('wasi-reactor.wat', 'cast');
    expect(text(result)).toBe('ok:0');
    // Lines in the order they were finished; stderr's has no newline, so it ends with the cast.
    expect(result.logs).toEqual([
      { stream: 'stdout', level: 'info', message: 'hello from stdout' },
      { stream: 'stdout', level: 'info', message: 'second line' },
      { stream: 'log', level: 'info', message: 'a kernel log line' },
      { stream: 'stderr', level: 'warn', message: 'careful: stderr' },
    ]);
    expect(result.logsTruncated).toBe(false);
    expect(result.memoryBytes).toBe(64 * 1024);
  });

  it('gives no files, no preopened directories and no sockets: clean errnos, and the worker carries on', async () => {
    const result = await cast('wasi-reach.wat', 'files');
    // path_open on a descriptor that does not exist: EBADF (8).
    expect(text(result)).toBe('08');
    expect(text(await cast('wasi-reactor.wat', 'cast'))).toBe('ok:0');
  });

  it('ends a cast that calls proc_exit with its exit code, never the worker', async () => {
    const exited = await cast('wasi-reach.wat', 'exit');
    expect(exited).toMatchObject({ ok: false, code: 'spell_failed', message: 'The spell exited with code 3.', exitCode: 3 });
    // proc_exit(0) ends the cast as a success; the SDK drops an output set before it.
    expect(await cast('wasi-reach.wat', 'exit0')).toMatchObject({ ok: true, output: new Uint8Array(0) });
    expect(runtime.stats().restarts).toBe(0);
    expect(text(await cast('wasi-reactor.wat', 'cast'))).toBe('ok:0');
  });

  it('sleeps through poll_oneoff: the clock moves as far as asked, and one event comes back', async () => {
    expect(text(await cast('wasi-sleep.wat', 'cast'))).toBe('slept');
  });

  it('caps the logs a cast keeps, and says so', async () => {
    const small = createSpellRuntime({ size: 1, logChars: 20 });
    try {
      const bytes = await assembleWat('wasi-reactor.wat');
      const result = await small.run({ moduleHash: 'reactor-small-logs', loadModule: async () => bytes, functionName: 'cast', input: new Uint8Array(0), limits });
      expect(text(result)).toBe('ok:0');
      expect(result.logsTruncated).toBe(true);
      expect(result.logs.reduce((sum, line) => sum + line.message.length, 0)).toBeLessThanOrEqual(20);
      expect(result.logs[0]).toEqual({ stream: 'stdout', level: 'info', message: 'hello from stdout' });
    } finally {
      await small.close();
    }
  });

  it('leaves a module without WASI imports or initialisers byte for byte as it was', async () => {
    const bytes = await wat(`(module
      (import "extism:host/env" "output_set" (func (param i64 i64)))
      (memory (export "memory") 1)
      (func (export "cast") (result i32) (i32.const 0)))`);
    expect(linkForSandbox(bytes)).toBe(bytes);
    // The kernel's HTTP functions move where the SDK cannot swap in its own fetch.
    const http = WebAssembly.Module.imports(new WebAssembly.Module(linkForSandbox(await assembleWat('capabilities.wat'))));
    expect(http.find((entry) => entry.name === 'http_request')).toEqual({ module: 'spell:denied', name: 'http_request', kind: 'function' });
    const linked = linkForSandbox(await assembleWat('wasi-reactor.wat'));
    const module = new WebAssembly.Module(linked);
    expect(WebAssembly.Module.imports(module).filter((entry) => entry.module === 'wasi_snapshot_preview1')).toEqual([]);
    expect(WebAssembly.Module.exports(module).map((entry) => entry.name)).toEqual(['memory', 'spell:_initialize', 'cast']);
  });
});

describe('runtime: capabilities a spell does not have', () => {
  it('fails a cast that makes an HTTP request with spell_capability_denied, naming it', async () => {
    const result = await cast('capabilities.wat', 'http');
    expect(result).toMatchObject({ ok: false, code: 'spell_capability_denied', message: 'The spell called http_request: spells cannot make HTTP requests.' });
  });

  it('fails a cast that calls a host function the platform does not provide', async () => {
    const result = await cast('capabilities.wat', 'host');
    expect(result).toMatchObject({
      ok: false,
      code: 'spell_capability_denied',
      message: 'The spell called extism:host/user.hello_world, which is not provided: spells cannot call host functions.',
    });
  });

  it('reads an input shorter than 8 bytes with 8-byte loads, the missing bytes as zeros', async () => {
    const result = await cast('capabilities.wat', 'short', 'hi');
    expect(result.ok && [...result.output]).toEqual([104, 105, 0, 0, 0, 0, 0, 0]);
  });

  it('names a missing function without quoting the SDK', async () => {
    const result = await cast('capabilities.wat', 'nope');
    expect(result).toMatchObject({ ok: false, code: 'spell_failed', message: 'The spell’s module exports no function named "nope".'.replace('’', "'") });
  });
});

describe('runtime: a spell’s output stays with its cast', () => {
  it('never writes what a spell prints to the server’s own stdout or stderr', async () => {
    const { execFile } = await import('node:child_process');
    const script = fileURLToPath(new URL('./fixtures/cast-wasi-in-process.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(tsx, [script], { timeout: 60_000 }, (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })));
    });
    expect(stdout).toBe('output=ok:0 lines=4\n');
    expect(stderr).toBe('');
  });
});
