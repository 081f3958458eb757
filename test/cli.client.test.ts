import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSpell } from '../src/spells/demo.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { expectOneLineError, spell, type CliRun } from './helpers/cli.js';
import { wat } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
let t: TestApp;
let url: string;
let owner: SignedUp;
let key: string;
const files = tmpdir();

/** `spell <args>` against the test server with the owner's key, as SPELL_URL/SPELL_API_KEY give it. */
const client = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  spell(args, { env: { SPELL_URL: url, SPELL_API_KEY: key, ...env } });

function wasmFile(name: string, bytes: Uint8Array): string {
  const path = join(files, `spell-cli-${process.pid}-${name}.wasm`);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoSpell(t.services);
  url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  owner = await signUp(t.app);
  key = (await createKey(t.app, owner)).key;
});
afterAll(async () => {
  await t.close();
});

const getSpell = (name: string) => t.app.inject({ url: `/v1/spells/${name}`, headers: owner.headers });

describe('cli.cast', () => {
  it('prints a cast’s output, or the whole answer with --json', async () => {
    const human = await client(['cast', 'spell/text-stats', '--input', '{"text":"one two three"}']);
    expect(human.code).toBe(0);
    expect(JSON.parse(human.stdout)).toMatchObject({ words: 3 });
    expect(human.stderr).toMatch(/^cast [0-9a-f-]{36}: \d+(\.\d+)? ms, 0 cents\n$/);

    const json = await client(['cast', 'spell/text-stats', '--input', '{"text":"one two"}', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ cast_id: expect.any(String), output: { words: 2 }, cost_cents: 0 });
  });

  it('reads the input from a file', async () => {
    const path = join(files, `spell-cli-${process.pid}-input.json`);
    writeFileSync(path, '{"text":"a b c d"}');
    const run = await client(['cast', 'spell/text-stats', '--input-file', path, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ output: { words: 4 } });
  });
});

describe('cli.publish', () => {
  it('publishes a new spell, then a second version, and casts a pinned one', async () => {
    const first = await client(['publish', 'reshape', 'spells/examples/build/json-transform.wasm', '--price-cents', '2', '--public']);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Published ${owner.handle}/reshape version 1 \\(sha256 [0-9a-f]{12}…, exports .*cast`)) });
    const second = await client(['publish', 'reshape', 'spells/examples/build/echo.wasm', '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ version: 2 });

    const pinned = await client(['cast', 'reshape@1', '--input', '{"data":{"id":1,"email":"a@b.c"},"omit":["email"]}', '--json']);
    // Your own spell costs you only the platform default (COST_PER_CAST_CENTS, 0 here), not its price.
    expect(JSON.parse(pinned.stdout)).toMatchObject({ output: { id: 1 }, cost_cents: 0 });
    const latest = await client(['cast', 'reshape', '--input', '"echoed"']);
    expect(latest.stdout).toBe('echoed\n');
  });

  it('leaves nothing behind when the first upload is refused', async () => {
    const run = await client(['publish', 'half-made', wasmFile('runs', tinyWasm(['run'], { memory: { initial: 1 } }))]);
    expect(run.code).toBe(3);
    expect(expectOneLineError(run)).toMatch(/does not export the function "cast": it exports "run".*\(400 validation_failed\) Nothing was published\.$/);
    expect((await getSpell('half-made')).statusCode).toBe(404);

    // The name is still free, and --function names the export to call.
    const retry = await client(['publish', 'half-made', wasmFile('runs', tinyWasm(['run'], { memory: { initial: 1 } })), '--function', 'run', '--json']);
    expect(retry.code).toBe(0);
    expect((await getSpell('half-made')).json()).toMatchObject({ function_name: 'run', latest_version: 1 });
  });

  it('names an import the platform does not provide, and leaves no card in the catalog', async () => {
    const greeter = await wat(`(module
      (import "extism:host/user" "hello_world" (func (param i64) (result i64)))
      (memory (export "memory") 1)
      (func (export "count_vowels") (result i32) (i32.const 0)))`);
    const run = await client(['publish', 'greeter', wasmFile('greeter', greeter), '--function', 'count_vowels', '--public']);
    expect(run.code).toBe(3);
    expect(expectOneLineError(run)).toContain('extism:host/user.hello_world is not provided: spells cannot call host functions');
    expect((await getSpell('greeter')).statusCode).toBe(404);
    const catalog = await client(['spells', '--json']);
    expect(catalog.stdout).not.toContain('greeter');

    const fixed = await client(['publish', 'greeter', wasmFile('vowels', tinyWasm(['count_vowels'])), '--function', 'count_vowels', '--public']);
    expect(fixed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Published ${owner.handle}/greeter version 1 .*exports count_vowels`)) });
    expect((await getSpell('greeter')).json()).toMatchObject({ function_name: 'count_vowels', visibility: 'public', latest_version: 1 });
  });

  it('keeps an existing spell’s price and function when its new version is refused', async () => {
    await client(['publish', 'steady', 'spells/examples/build/echo.wasm', '--price-cents', '3']);
    const refused = await client(['publish', 'steady', wasmFile('empty', tinyWasm([], { memory: { initial: 1 } })), '--price-cents', '9']);
    expect(refused.code).toBe(3);
    expect(expectOneLineError(refused)).toMatch(/does not export the function "cast".*Nothing was published; [a-z0-9-]+\/steady is unchanged\./);
    // A new function is checked against the new module: one that does not export it changes nothing either.
    const wrongFunction = await client(['publish', 'steady', wasmFile('other', tinyWasm(['other'])), '--function', 'count_vowels', '--price-cents', '9']);
    expect(wrongFunction.code).toBe(3);
    expect(expectOneLineError(wrongFunction)).toMatch(/does not export the function "count_vowels": it exports "other".*Nothing was published; [a-z0-9-]+\/steady is unchanged\./);
    expect((await getSpell('steady')).json()).toMatchObject({ price_cents: 3, function_name: 'cast', latest_version: 1 });
  });

  it('switches an existing spell to the function its new version exports, with the version', async () => {
    await client(['publish', 'switching', 'spells/examples/build/echo.wasm']);
    const switched = await client(['publish', 'switching', wasmFile('vowels-only', tinyWasm(['count_vowels'])), '--function', 'count_vowels', '--json']);
    expect(switched.code).toBe(0);
    expect(JSON.parse(switched.stdout)).toMatchObject({ version: 2, exports: ['count_vowels'] });
    expect((await getSpell('switching')).json()).toMatchObject({ function_name: 'count_vowels', latest_version: 2 });
  });

  it('refuses a file that is missing or not Wasm before sending anything', async () => {
    const missing = await client(['publish', 'ghost', 'no/such/file.wasm']);
    expect(missing.code).toBe(2);
    expect(expectOneLineError(missing)).toBe('error: No such file: no/such/file.wasm');
    const notWasm = await client(['publish', 'ghost', 'package.json']);
    expect(notWasm.code).toBe(2);
    expect(expectOneLineError(notWasm)).toContain('package.json is not a WebAssembly module');
    expect((await getSpell('ghost')).statusCode).toBe(404);
  });
});

describe('cli.lists', () => {
  it('lists the catalog and the caller’s own spells, as a table or JSON', async () => {
    await client(['publish', 'listed', 'spells/examples/build/echo.wasm', '--price-cents', '4', '--public']);
    const table = await client(['spells']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^SPELL\s+VERSION\s+PRICE_CENTS\s+VISIBILITY\s+MINE\s+CASTS\s+DESCRIPTION$/);
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${owner.handle}/listed\\s+1\\s+4\\s+public\\s+yes\\s+0`)));
    expect(rows).toContainEqual(expect.stringMatching(/^spell\/text-stats\s+1\s+/));
    const found = await client(['spells', '--search', 'characters words', '--owner', 'spell']);
    expect(found.stdout.trimEnd().split('\n').slice(1)).toEqual([expect.stringMatching(/^spell\/text-stats\s/)]);

    const mine = JSON.parse((await client(['spells', '--mine', '--json'])).stdout) as { spells: { name: string }[] };
    expect(mine.spells.map((entry) => entry.name)).toContain('listed');
    expect(mine.spells.map((entry) => entry.name)).not.toContain('text-stats');
  });

  it('lists casts newest first, with the next page’s cursor', async () => {
    await client(['cast', 'spell/text-stats', '--input', '{"text":"first"}']);
    await client(['cast', 'spell/text-stats', '--input', '{"text":"second"}']);
    const page = await client(['casts', '--limit', '1']);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^ID\s+SPELL\s+STATUS\s+DURATION_MS\s+COST_CENTS\s+CREATED\n[0-9a-f-]{36}\s+spell\/text-stats@1\s+succeeded\s/);
    const cursor = /^More: spell casts --cursor (\S+)$/m.exec(page.stderr)?.[1] ?? '';
    const next = JSON.parse((await client(['casts', '--limit', '1', '--cursor', cursor, '--json'])).stdout) as { casts: { id: string }[] };
    expect(next.casts).toHaveLength(1);
    expect(page.stdout).not.toContain(next.casts[0]?.id);
  });
});

describe('cli.exit-codes', () => {
  it('exits 3 with the server’s message when a request is refused', async () => {
    const missing = await client(['cast', 'no-such-spell']);
    expect(missing.code).toBe(3);
    expect(expectOneLineError(missing)).toContain('You have no spell named no-such-spell');
    const badKey = await client(['spells'], { SPELL_API_KEY: 'spell_000000000000_nope' });
    expect(badKey.code).toBe(3);
    expect(expectOneLineError(badKey)).toContain('(401 unauthorized)');
    const invalid = await client(['cast', 'spell/text-stats', '--input', '{"text":7}']);
    expect(invalid.code).toBe(3);
    expect(expectOneLineError(invalid)).toMatch(/input schema: \/text must be string \(400 invalid_input\)/);
  });

  it('exits 4 when nothing answers at the URL', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const run = await client(['spells'], { SPELL_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(4);
    expect(expectOneLineError(run)).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('explains in one line a server that is not a Spell Platform server', async () => {
    const impostor = createHttpServer((request, response) => {
      if (request.url?.startsWith('/v1/casts')) return response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":true}');
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    try {
      const html = await client(['casts'], { SPELL_URL: impostorUrl });
      expect(html.code).toBe(3);
      expect(expectOneLineError(html)).toContain('with something other than JSON. (502)');
      // An answer of the wrong shape is a failure the CLI did not foresee: still one line, with the way to see more.
      const odd = await client(['spells'], { SPELL_URL: impostorUrl });
      expect(odd.code).toBe(1);
      expect(expectOneLineError(odd)).toMatch(/\(run again with --debug for the stack trace\)$/);
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });

  it('exits 78 without an API key, 2 on a usage error, and never prints a stack trace', async () => {
    const noKey = await spell(['cast', 'spell/text-stats'], { env: { SPELL_URL: url } });
    expect(noKey.code).toBe(78);
    expect(expectOneLineError(noKey)).toContain('No API key');

    for (const args of [
      ['cast', 'spell/text-stats', '--input', '{not json'],
      ['cast', 'spell/text-stats', '--input-file', 'no/such/input.json'],
      ['cast'],
      ['casts', '--limit', 'lots'],
      ['publish', 'x', 'f.wasm', '--price-cents', '-1'],
      ['no-such-command'],
      ['spells', '--url', 'not a url'],
    ]) {
      const run = await client(args);
      expect(run.code, args.join(' ')).toBe(2);
      expectOneLineError(run);
    }
  });

  it('prints the stack trace with --debug, and the version with --version', async () => {
    const debug = await client(['cast', 'no-such-spell', '--debug']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^error: You have no spell named no-such-spell/);
    expect(debug.stderr).toMatch(/\n\s+at /);

    const version = await spell(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    const help = await spell(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 failed here, 2 usage error, 3 refused by the server, 4 server unreachable, 78 configuration.');
  });
});
