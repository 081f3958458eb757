import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spells, wasmModules } from '../src/db/schema.js';
import { createSpellWithVersion, sha256Hex } from '../src/spells/registry.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createWithModule, exampleSpell, moduleForm, wat } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
let other: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ env: { SPELL_MAX_MODULE_BYTES: '65536' } });
  creator = await signUp(t.app);
  other = await signUp(t.app);
});
afterAll(() => t.close());

const catalogNames = async (who: SignedUp) =>
  (await t.app.inject({ url: '/v1/spells?limit=200', headers: who.headers })).json<{ spells: { name: string }[] }>().spells.map((spell) => spell.name);

/** Every row under `name`, unpublished ones too: a refused create must leave none. */
const rowsNamed = (name: string) => t.services.db.select({ id: spells.id }).from(spells).where(eq(spells.name, name));

const hostFunctionModule = () =>
  wat(`(module
    (import "extism:host/user" "hello_world" (func (param i64) (result i64)))
    (memory (export "memory") 1)
    (func (export "cast") (result i32) (i32.const 0)))`);

describe('spells.create: one step', () => {
  it('creates a spell with its settings and first version, and casts it right away', async () => {
    const response = await createWithModule(
      t.app,
      creator,
      {
        name: 'echo-at-once',
        description: 'echoes',
        visibility: 'public',
        price_cents: 0,
        timeout_ms: 2_000,
        input_schema: { type: 'object', properties: { hello: { type: 'string' } }, required: ['hello'] },
      },
      exampleSpell('echo'),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'echo-at-once',
      description: 'echoes',
      visibility: 'public',
      function_name: 'cast',
      timeout_ms: 2_000,
      input_schema: { type: 'object', properties: { hello: { type: 'string' } }, required: ['hello'] },
      latest_version: 1,
      versions: [{ version: 1, exports: ['cast'] }],
    });
    const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: other.headers, payload: { spell: `${creator.handle}/echo-at-once`, input: { hello: 'now' } } });
    expect(cast.statusCode).toBe(200);
    expect(cast.json()).toMatchObject({ output: { hello: 'now' } });
    const refusedInput = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: other.headers, payload: { spell: `${creator.handle}/echo-at-once`, input: {} } });
    expect(refusedInput.json()).toMatchObject({ error: 'invalid_input' });
  });

  it('is private unless told otherwise, and calls the function it names', async () => {
    const response = await createWithModule(t.app, creator, { name: 'vowels', function_name: 'count_vowels' }, tinyWasm(['count_vowels']));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ visibility: 'private', function_name: 'count_vowels', latest_version: 1 });
    expect(await catalogNames(other)).not.toContain('vowels');
  });

  it('leaves nothing behind when the module is refused: no spell, no catalog card, no stored module', async () => {
    const bytes = await hostFunctionModule();
    const response = await createWithModule(t.app, creator, { name: 'greeter', visibility: 'public' }, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      check: 'imports',
      message: expect.stringContaining('extism:host/user.hello_world is not provided: spells cannot call host functions'),
    });
    expect((await t.app.inject({ url: '/v1/spells/greeter', headers: creator.headers })).statusCode).toBe(404);
    expect(await catalogNames(creator)).not.toContain('greeter');
    expect(await catalogNames(other)).not.toContain('greeter');
    expect(await rowsNamed('greeter')).toEqual([]);
    expect(await t.services.db.select().from(wasmModules).where(eq(wasmModules.sha256, sha256Hex(bytes)))).toEqual([]);

    // The name is still free: the fixed module publishes under it.
    const fixed = await createWithModule(t.app, creator, { name: 'greeter', visibility: 'public' }, exampleSpell('echo'));
    expect(fixed.statusCode).toBe(201);
  });

  it('refuses a function the module does not export, listing the ones it does, and leaves nothing', async () => {
    const response = await createWithModule(t.app, creator, { name: 'wrong-function', function_name: 'count_vowels' }, tinyWasm(['cast', 'run']));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', check: 'exports', exports: ['cast', 'run'], message: expect.stringContaining('"count_vowels"') });
    expect(await rowsNamed('wrong-function')).toEqual([]);
  });

  it('refuses bad settings before looking at the module, and leaves nothing', async () => {
    const badSchema = await createWithModule(t.app, creator, { name: 'bad-schema', input_schema: { type: 'objekt' } }, tinyWasm());
    expect(badSchema.statusCode).toBe(400);
    expect(badSchema.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/input_schema' }] });
    const unknownField = await createWithModule(t.app, creator, { name: 'bad-field', function: 'cast' }, tinyWasm());
    expect(unknownField.statusCode).toBe(400);
    const badTimeout = await createWithModule(t.app, creator, { name: 'bad-timeout', timeout_ms: 1 }, tinyWasm());
    expect(badTimeout.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/timeout_ms' }] });
    for (const name of ['bad-schema', 'bad-field', 'bad-timeout']) expect(await rowsNamed(name)).toEqual([]);
  });

  it('refuses a form without its settings or its module, with settings that are not JSON, with other fields or files', async () => {
    const post = (form: { payload: Buffer; contentType: string }) =>
      t.app.inject({ method: 'POST', url: '/v1/spells', headers: { ...creator.headers, 'content-type': form.contentType }, payload: form.payload });
    const noSettings = await post(moduleForm({}, tinyWasm()));
    expect(noSettings.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('no field "spell"') });
    const noModule = await post(moduleForm({ spell: '{"name":"no-module"}' }, undefined));
    expect(noModule.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('no file field named "module"') });
    const notJson = await post(moduleForm({ spell: 'name=oops' }, tinyWasm()));
    expect(notJson.json()).toMatchObject({ error: 'validation_failed', message: 'The form field "spell" is not valid JSON.' });
    const extra = await post(moduleForm({ spell: '{"name":"extra"}', name: 'extra' }, tinyWasm()));
    expect(extra.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('not "name"') });
    const nul = await post(moduleForm({ spell: JSON.stringify({ name: 'nul', description: 'a\u0000b' }) }, tinyWasm()));
    expect(nul.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/description' }] });
    for (const response of [noSettings, noModule, notJson, extra, nul]) expect(response.statusCode).toBe(400);

    const boundary = 'two-files-boundary';
    const part = (disposition: string, body: string) => `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${body}\r\n`;
    const twoFiles = {
      payload: Buffer.from(
        part('name="spell"', '{"name":"two-files"}') + part('name="module"; filename="a.wasm"', 'aa') + part('name="extra"; filename="b.wasm"', 'bb') + `--${boundary}--\r\n`,
      ),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
    const tooMany = await post(twoFiles);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('more files') });

    const raw = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: { ...creator.headers, 'content-type': 'application/wasm' }, payload: Buffer.from(tinyWasm()) });
    expect(raw.statusCode).toBe(415);
    expect(raw.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('refuses a module over SPELL_MAX_MODULE_BYTES with 413, and leaves nothing', async () => {
    const response = await createWithModule(t.app, creator, { name: 'too-big' }, new Uint8Array(70_000));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'payload_too_large' });
    expect(await rowsNamed('too-big')).toEqual([]);
  });

  it('answers 401 to a form without credentials, before reading it', async () => {
    const form = moduleForm({ spell: '{"name":"anonymous"}' }, tinyWasm());
    const response = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: { 'content-type': form.contentType }, payload: form.payload });
    expect(response.statusCode).toBe(401);
    expect(await rowsNamed('anonymous')).toEqual([]);
  });

  it('answers 409 for a name its owner already has, and changes nothing; another owner’s same name is no conflict', async () => {
    expect((await createWithModule(t.app, creator, { name: 'taken-name' }, tinyWasm())).statusCode).toBe(201);
    const response = await createWithModule(t.app, creator, { name: 'taken-name' }, exampleSpell('echo'));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'conflict', field: 'name' });
    expect(await rowsNamed('taken-name')).toHaveLength(1);
    const elsewhere = await createWithModule(t.app, other, { name: 'taken-name' }, exampleSpell('echo'));
    expect(elsewhere.json()).toMatchObject({ full_name: `${other.handle}/taken-name`, latest_version: 1 });
  });

  it('gives two concurrent creates of one name by one owner one 201 and one 409, and leaves no orphan', async () => {
    const [a, b] = await Promise.all([
      createWithModule(t.app, creator, { name: 'race', description: 'first' }, exampleSpell('echo')),
      createWithModule(t.app, creator, { name: 'race', description: 'second' }, exampleSpell('text-stats')),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409]);
    const rows = await rowsNamed('race');
    expect(rows).toHaveLength(1);
    const detail = await t.app.inject({ url: '/v1/spells/race', headers: creator.headers });
    expect(detail.json()).toMatchObject({ owned: true, latest_version: 1, versions: [{ version: 1 }] });
  });
});

describe('spells.create: the transaction', () => {
  it('rolls back, module and all, the create whose name a concurrent one took first', async () => {
    // Past the route's early name check: both creates reach the database at once.
    const modules = [tinyWasm(['cast', 'first']), tinyWasm(['cast', 'second'])];
    const outcomes = await Promise.all(
      [creator, creator].map((owner, index) =>
        createSpellWithVersion(
          t.services.db,
          { tenantId: owner.user.tenant_id, ownerUserId: owner.user.id, name: 'race-in-the-database' },
          { bytes: modules[index] ?? new Uint8Array(), exports: ['cast'] },
          new Date(),
        ),
      ),
    );
    expect(outcomes.map((outcome) => outcome.ok).sort()).toEqual([false, true]);
    expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, reason: 'name_taken' });
    expect(await rowsNamed('race-in-the-database')).toHaveLength(1);
    const loser = modules[outcomes.findIndex((outcome) => !outcome.ok)] ?? new Uint8Array();
    expect(await t.services.db.select().from(wasmModules).where(eq(wasmModules.sha256, sha256Hex(loser)))).toEqual([]);
  });
});

describe('spells.create: JSON, without a module', () => {
  it('still creates a spell without a version, now with every setting PATCH takes', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/spells',
      headers: creator.headers,
      payload: { name: 'later', function_name: 'count_vowels', timeout_ms: 500, input_schema: { type: 'string' }, price_cents: 2 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'later',
      visibility: 'private',
      function_name: 'count_vowels',
      timeout_ms: 500,
      input_schema: { type: 'string' },
      price_cents: 2,
      latest_version: null,
      versions: [],
    });
    const upload = await t.app.inject({
      method: 'POST',
      url: '/v1/spells/later/versions',
      headers: { ...creator.headers, 'content-type': 'application/wasm' },
      payload: Buffer.from(tinyWasm(['count_vowels'])),
    });
    expect(upload.statusCode).toBe(201);
  });
});
