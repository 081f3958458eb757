import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createKey, signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('keys', () => {
  it('creates a key shown once, lists it without the secret, and authenticates with it', async () => {
    const owner = await signUp(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: owner.headers, payload: { name: 'ci' } });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ key: string; prefix: string; name: string; created_at: string }>();
    expect(body.key.startsWith(`${body.prefix}_`)).toBe(true);
    expect(body.key.length).toBeGreaterThan(body.prefix.length + 40);
    expect(body.name).toBe('ci');

    const list = await t.app.inject({ url: '/v1/keys', headers: owner.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.key);
    expect(list.json()).toEqual({ keys: [expect.objectContaining({ prefix: body.prefix, name: 'ci' })] });

    const me = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${body.key}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: owner.user.id } });

    const stored = await t.services.db.select().from(apiKeys);
    expect(stored.some((row) => row.keyHash === body.key || row.prefix === body.key)).toBe(false);
  });

  it('stops a revoked key at once', async () => {
    const owner = await signUp(t.app);
    const { key, prefix } = await createKey(t.app, owner);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await t.app.inject({ url: '/v1/keys', headers: bearer })).statusCode).toBe(200);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: bearer });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/v1/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthorized' });
    const again = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: owner.headers });
    expect(again.statusCode).toBe(404);
  });

  it("never lets one tenant list, use or delete another tenant's keys", async () => {
    const alice = await signUp(t.app);
    const mallory = await signUp(t.app);
    const { key, prefix } = await createKey(t.app, alice, 'alice key');

    const list = await t.app.inject({ url: '/v1/keys', headers: mallory.headers });
    expect(list.json()).toEqual({ keys: [] });

    const steal = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: mallory.headers });
    expect(steal.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).json()).toMatchObject({
      user: { id: alice.user.id },
    });
  });

  it('refuses missing, malformed and made-up credentials', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer spell_0000_nope', 'Bearer sess_nope']) {
      const response = await t.app.inject({ url: '/v1/keys', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('validates the key name', async () => {
    const owner = await signUp(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: owner.headers, payload: { name: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', issues: [expect.objectContaining({ path: '/name' })] });
  });
});
