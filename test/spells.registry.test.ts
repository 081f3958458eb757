import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmModules } from '../src/db/schema.js';
import { tinyWasm } from './fixtures/tiny-wasm.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { multipartBody, publish } from './helpers/spells.js';
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

const upload = (name: string, payload: Uint8Array | Buffer, headers: Record<string, string> = creator.headers) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...headers, 'content-type': 'application/wasm' },
    payload: Buffer.from(payload),
  });

/** Uploads as a browser form does. */
const uploadForm = (name: string, form: { payload: Buffer; contentType: string }) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...creator.headers, 'content-type': form.contentType },
    payload: form.payload,
  });

describe('spells.registry', () => {
  it('creates a spell, uploads versions (raw and multipart) and numbers them', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/spells',
      headers: creator.headers,
      payload: { name: 'counter', description: 'counts', price_cents: 3 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'counter', visibility: 'private', price_cents: 3, owned: true, latest_version: null });

    const first = await upload('counter', tinyWasm());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, exports: ['cast'] });

    const form = multipartBody('module', tinyWasm(['cast', 'other']));
    const second = await uploadForm('counter', form);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, exports: ['cast', 'other'] });

    const detail = await t.app.inject({ url: '/v1/spells/counter', headers: creator.headers });
    expect(detail.json()).toMatchObject({ latest_version: 2, versions: [{ version: 2 }, { version: 1 }] });
  });

  it('stores a module uploaded twice only once (by SHA-256)', async () => {
    await publish(t.app, creator, 'dedupe-a', tinyWasm(['cast', 'dedupe']));
    await publish(t.app, creator, 'dedupe-b', tinyWasm(['cast', 'dedupe']));
    const a = await t.app.inject({ url: '/v1/spells/dedupe-a', headers: creator.headers });
    const b = await t.app.inject({ url: '/v1/spells/dedupe-b', headers: creator.headers });
    const sha = a.json<{ versions: { sha256: string }[] }>().versions[0]?.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(b.json<{ versions: { sha256: string }[] }>().versions[0]?.sha256).toBe(sha);
    const rows = await t.services.db.select({ sha: wasmModules.sha256 }).from(wasmModules);
    expect(rows.filter((row) => row.sha === sha)).toHaveLength(1);
  });

  it('refuses bad uploads with the reason', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'bad-uploads' } });

    const notWasm = await upload('bad-uploads', new TextEncoder().encode('#!/bin/sh\necho hi\n'));
    expect(notWasm.statusCode).toBe(400);
    expect(notWasm.json()).toMatchObject({ error: 'validation_failed', check: 'format', message: expect.stringContaining('Not a valid WebAssembly module') });

    const missingExport = await upload('bad-uploads', tinyWasm(['run']));
    expect(missingExport.statusCode).toBe(400);
    expect(missingExport.json()).toMatchObject({ error: 'validation_failed', check: 'exports', exports: ['run'], message: expect.stringContaining('"cast"') });

    const tooLarge = await upload('bad-uploads', new Uint8Array(70_000));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: 'payload_too_large' });

    const form = multipartBody('module', new Uint8Array(70_000));
    const tooLargeForm = await uploadForm('bad-uploads', form);
    expect(tooLargeForm.statusCode).toBe(413);

    const wrongField = multipartBody('file', tinyWasm());
    const noModule = await uploadForm('bad-uploads', wrongField);
    expect(noModule.statusCode).toBe(400);

    const detail = await t.app.inject({ url: '/v1/spells/bad-uploads', headers: creator.headers });
    expect(detail.json()).toMatchObject({ versions: [] });
  });

  it("keeps private spells private and other tenants' spells read-only", async () => {
    await publish(t.app, creator, 'secret-spell', tinyWasm());
    await publish(t.app, creator, 'shared-spell', tinyWasm(), { visibility: 'public' });

    expect((await t.app.inject({ url: `/v1/spells/${creator.handle}/secret-spell`, headers: other.headers })).statusCode).toBe(404);
    const catalog = await t.app.inject({ url: '/v1/spells?limit=200', headers: other.headers });
    const names = catalog.json<{ spells: { full_name: string }[] }>().spells.map((spell) => spell.full_name);
    expect(names).toContain(`${creator.handle}/shared-spell`);
    expect(names).not.toContain(`${creator.handle}/secret-spell`);

    const shared = await t.app.inject({ url: `/v1/spells/${creator.handle}/shared-spell`, headers: other.headers });
    expect(shared.json()).toMatchObject({ owned: false, owner: creator.handle, full_name: `${creator.handle}/shared-spell` });
    // A bare name is the caller's own spell: another tenant's is out of reach, not refused.
    for (const [method, url, payload] of [
      ['GET', '/v1/spells/shared-spell', undefined],
      ['PATCH', '/v1/spells/shared-spell', { price_cents: 0 }],
      ['DELETE', '/v1/spells/shared-spell', undefined],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: other.headers, ...(payload && { payload }) });
      expect(response.statusCode).toBe(404);
    }
    expect((await upload('shared-spell', tinyWasm(), other.headers)).statusCode).toBe(404);
    expect((await upload('secret-spell', tinyWasm(), other.headers)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/v1/spells/${creator.handle}/shared-spell`, headers: creator.headers })).json()).toMatchObject({ latest_version: 1 });
  });

  it('updates price, visibility, timeout and input schema, and validates them', async () => {
    await publish(t.app, creator, 'tunable', tinyWasm(['cast', 'alt']));
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/v1/spells/tunable',
      headers: creator.headers,
      payload: {
        price_cents: 7,
        visibility: 'public',
        timeout_ms: 500,
        function_name: 'alt',
        input_schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ price_cents: 7, visibility: 'public', timeout_ms: 500, function_name: 'alt' });

    for (const payload of [
      { price_cents: -1 },
      { timeout_ms: 10_000_000 },
      { function_name: 'missing_export' },
      { input_schema: { type: 'no-such-type' } },
      { unknown_field: true },
    ]) {
      const response = await t.app.inject({ method: 'PATCH', url: '/v1/spells/tunable', headers: creator.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed' });
    }
  });

  it('refuses taken and malformed names, and never frees a name on delete', async () => {
    await publish(t.app, creator, 'unique-name', tinyWasm());
    const taken = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'unique-name' } });
    expect(taken.statusCode).toBe(409);
    for (const name of ['Upper', '-dash', 'with space', 'a'.repeat(65), '']) {
      const response = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name } });
      expect(response.statusCode).toBe(400);
    }
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/spells/unique-name', headers: creator.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/spells/unique-name', headers: creator.headers })).json()).toMatchObject({ deleted_at: expect.any(String) });
    const again = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'unique-name' } });
    expect(again.statusCode).toBe(409);
    // Another owner's spell of that name is its own, under its own handle.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: other.headers, payload: { name: 'unique-name' } });
    expect(elsewhere.json()).toMatchObject({ full_name: `${other.handle}/unique-name` });
  });
});
