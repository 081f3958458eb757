import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { expectOneLineError, spell } from './helpers/cli.js';
import { assembleWat, exampleSpell, publish, wat } from './helpers/spells.js';
import { hasClangWasi, hasRustWasm } from './helpers/toolchains.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

/** Short, so infinite-loop ends soon; long enough that the other examples reach their own limit first. */
const TIMEOUT_MS = 1_500;
const built = (name: string) => fileURLToPath(new URL(`../spells/examples/build/${name}.wasm`, import.meta.url));

let t: TestApp;
let creator: SignedUp;
let dir: string;
let wasiModule: string;
let url: string;
let key: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spell-run-'));
  t = await buildTestApp({ env: { SPELL_WORKERS: '1', SPELL_DEFAULT_TIMEOUT_MS: String(TIMEOUT_MS) } });
  creator = await signUp(t.app);
  for (const name of ['text-stats', 'trap', 'infinite-loop', 'memory-hog', 'chatty']) await publish(t.app, creator, name, exampleSpell(name));
  wasiModule = join(dir, 'wasi-reactor.wasm');
  writeFileSync(wasiModule, await assembleWat('wasi-reactor.wat'));
  await publish(t.app, creator, 'wasi-hello', readFileSync(wasiModule));
  url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  key = (await createKey(t.app, creator)).key;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `spell run` with the server's environment: its limits, and nothing else. */
const run = (args: string[], stdin?: string) =>
  spell(['run', ...args], { env: { SPELL_DEFAULT_TIMEOUT_MS: String(TIMEOUT_MS) }, ...(stdin !== undefined && { stdin }) });

const serverCast = async (name: string, input: unknown) =>
  (await t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell: name, input } })).json<
    Record<string, unknown>
  >();

describe('cli.run', () => {
  it('prints the output a server cast of the same module answers, with the run’s figures', async () => {
    const input = { text: 'Hello there. Ünïcode too!' };
    const local = await run([built('text-stats'), '--input', JSON.stringify(input)]);
    expect(local.code).toBe(0);
    const server = await serverCast('text-stats', input);
    expect(JSON.parse(local.stdout)).toEqual(server.output);
    expect(local.stderr).toMatch(/^cast: succeeded in [\d.]+ ms, /m);

    const json = await run([built('text-stats'), '--input', JSON.stringify(input), '--json']);
    const report = JSON.parse(json.stdout) as { memory_bytes: number };
    expect(report).toMatchObject({ ok: true, output: server.output, logs: [], logs_truncated: false });
    // Linear memory is whole 64 KiB pages.
    expect(report.memory_bytes).toBeGreaterThan(0);
    expect(report.memory_bytes % 65_536).toBe(0);
  });

  it.each([
    ['trap', {}],
    ['memory-hog', {}],
    ['infinite-loop', {}],
    ['chatty', { fail: true }],
  ])('fails %s with the error code and message a server cast gives, exit code 1', async (name, input) => {
    const local = await run([built(name), '--input', JSON.stringify(input), '--json']);
    const server = await serverCast(name, input);
    expect(local.code).toBe(1);
    const report = JSON.parse(local.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: false, error: server.error, message: server.message, logs: server.logs });
    expect(expectOneLineError(local)).toBe(`error: ${String(server.error)}: ${String(server.message)}`);
  });

  it('prints what the spell logged, as a server cast keeps it', async () => {
    const local = await run([built('chatty'), '--input', '{"lines": 1}']);
    expect(local.code).toBe(0);
    const server = await serverCast('chatty', { lines: 1 });
    expect(JSON.parse(local.stdout)).toEqual(server.output);
    const logged = (server.logs as { stream: string; level: string; message: string }[]).map(
      (entry) => `[${entry.stream} ${entry.level}] ${entry.message}`,
    );
    expect(logged).toContain('[log info] line 0');
    for (const text of logged) expect(local.stderr).toContain(text);
  });

  it('prints what a WASI spell wrote to stdout and stderr, as a server cast keeps it', async () => {
    const local = await run([wasiModule, '--json']);
    const server = await serverCast('wasi-hello', null);
    expect(JSON.parse(local.stdout)).toMatchObject({ ok: true, output: server.output, logs: server.logs });
    const human = await run([wasiModule]);
    expect(human.stderr).toContain('[stdout info] hello from stdout\n[stdout info] second line');
    expect(human.stderr).toContain('[stderr warn] careful: stderr');
  });

  it('fails a WASI spell that calls proc_exit(3) as a server cast does, with its exit code', async () => {
    const file = join(dir, 'wasi-reach.wasm');
    writeFileSync(file, await assembleWat('wasi-reach.wat'));
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'reach' } });
    await t.app.inject({ method: 'PATCH', url: '/v1/spells/reach', headers: creator.headers, payload: { function_name: 'exit' } });
    await publish(t.app, creator, 'reach', readFileSync(file));
    const server = await serverCast('reach', null);
    expect(server).toMatchObject({ error: 'spell_failed', exit_code: 3 });

    const local = await run([file, '--function', 'exit', '--json']);
    expect(local.code).toBe(1);
    expect(JSON.parse(local.stdout)).toMatchObject({ ok: false, error: 'spell_failed', message: server.message, exit_code: 3 });
    expect(expectOneLineError(local)).toBe(`error: spell_failed: ${String(server.message)}`);
  });

  it('reads the input from a file (@file) or from stdin (-)', async () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, '{"text": "from a file"}');
    const fromFile = await run([built('text-stats'), '--input', `@${file}`]);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ words: 3 });
    const fromStdin = await run([built('text-stats'), '--input', '-'], '{"text": "piped in here too"}');
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ words: 4 });
  });

  it('refuses, in one line, what is wrong on the command line before running anything', async () => {
    const notWasm = join(dir, 'not.wasm');
    writeFileSync(notWasm, 'hello');
    const cases: [string[], string][] = [
      [[built('text-stats'), '--input', '{nope'], 'is not valid JSON'],
      [[join(dir, 'missing.wasm')], 'No such file'],
      [[notWasm], 'is not a WebAssembly module'],
      [[built('text-stats'), '--input', '@nowhere.json'], 'No such input file'],
      [[built('text-stats'), '--timeout-ms', '999999'], '--timeout-ms must be a whole number from 10 to 600000'],
      [[built('text-stats'), '--timeout-ms', '60000'], 'at most 10000'],
    ];
    for (const [args, message] of cases) {
      const local = await run(args);
      expect(local.code, args.join(' ')).toBe(2);
      expect(local.stderr, args.join(' ')).toContain(message);
    }
  });

  /** What a server answers to an upload of `bytes` as a new version of a spell that casts `functionName`. */
  async function serverUpload(bytes: Uint8Array, functionName = 'cast'): Promise<{ error: string; check: string; message: string }> {
    const name = `refused-${Math.random().toString(16).slice(2, 8)}`;
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name, function_name: functionName } });
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/v1/spells/${name}/versions`,
      headers: { ...creator.headers, 'content-type': 'application/wasm' },
      payload: Buffer.from(bytes),
    });
    expect(uploaded.statusCode).toBe(400);
    return uploaded.json();
  }

  it.each([
    ['an import the platform does not provide', '(module (import "extism:host/user" "hello_world" (func (param i64) (result i64))) (memory (export "memory") 1) (func (export "cast") (result i32) (i32.const 0)))', 'cast'],
    ['no memory of its own', '(module (func (export "cast") (result i32) (i32.const 0)))', 'cast'],
    ['memory over the cap', '(module (memory (export "memory") 2000) (func (export "cast") (result i32) (i32.const 0)))', 'cast'],
    ['no such function', '(module (memory (export "memory") 1) (func (export "cast") (result i32) (i32.const 0)))', 'count_vowels'],
  ])('refuses a module with %s, in the words of a server’s refusal of its upload', async (_case, source, functionName) => {
    const bytes = await wat(source);
    const file = join(dir, `${functionName}-${bytes.byteLength}.wasm`);
    writeFileSync(file, bytes);
    const refusal = await serverUpload(bytes, functionName);
    expect(refusal.error).toBe('validation_failed');

    const local = await run([file, '--function', functionName]);
    expect(local.code).toBe(1);
    expect(expectOneLineError(local)).toContain(`error: ${refusal.error} (${refusal.check}): ${refusal.message}`);
  });

  it('refuses a module over SPELL_MAX_MODULE_BYTES, as an upload of it would be', async () => {
    const tooBig = await spell(['run', built('text-stats')], { env: { SPELL_MAX_MODULE_BYTES: '1024' } });
    expect(tooBig.code).toBe(1);
    expect(expectOneLineError(tooBig)).toMatch(/^error: payload_too_large: The module is \d+ bytes; the limit is 1024\.$/);
  });
});

describe('cli.cast logs', () => {
  const cast = (args: string[]) => spell(['cast', ...args], { env: { SPELL_URL: url, SPELL_API_KEY: key } });

  it('prints what a server cast kept of the spell’s logs on stderr, also before the error of a failed cast', async () => {
    const done = await cast(['chatty', '--input', '{"lines": 1}']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ logged: 3 });
    expect(done.stderr).toMatch(/^\[log info\] chatty starts\n\[log warn\] a warning, with ünïcode\n\[log info\] line 0\ncast [0-9a-f-]{36}: /);

    const failed = await cast(['chatty', '--input', '{"fail": true}']);
    expect(failed.code).toBe(3);
    const lines = failed.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(['[log info] chatty starts', '[log warn] a warning, with ünïcode', '[log error] giving up']);
    expect(lines.at(-1)).toBe('error: chatty was told to fail (422 spell_failed)');
  });
});

/** The C and Rust examples, where their toolchains are installed (required in CI). */
describe.runIf(hasRustWasm())('cli.run: the Rust example', () => {
  it('gives the output and the failure a server cast of rust-words gives', async () => {
    await publish(t.app, creator, 'rust-words', exampleSpell('rust-words'));
    for (const input of [{ text: 'Hello brave new world hello' }, { t: 1 }]) {
      const local = JSON.parse((await run([built('rust-words'), '--input', JSON.stringify(input), '--json'])).stdout) as Record<string, unknown>;
      const server = await serverCast('rust-words', input);
      if (server.error === undefined) expect(local).toMatchObject({ ok: true, output: server.output, logs: server.logs });
      else expect(local).toMatchObject({ ok: false, error: server.error, message: server.message });
    }
  });
});

describe.runIf(hasClangWasi())('cli.run: the C example', () => {
  it('counts as a server cast of c-vowels counts, and fails with its message', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'c-vowels', function_name: 'count_vowels' } });
    await publish(t.app, creator, 'c-vowels', exampleSpell('c-vowels'));
    const local = JSON.parse((await run([built('c-vowels'), '--function', 'count_vowels', '--input', '"Hello, World!"', '--json'])).stdout) as {
      output: { count: number };
    };
    expect(local.output.count).toBe(((await serverCast('c-vowels', 'Hello, World!')).output as { count: number }).count);
    const failed = JSON.parse((await run([built('c-vowels'), '--function', 'count_vowels', '--input', '{"text":"Hello"}', '--json'])).stdout) as unknown;
    const server = await serverCast('c-vowels', { text: 'Hello' });
    expect(failed).toMatchObject({ ok: false, error: server.error, message: server.message });
  });
});
