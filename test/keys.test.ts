import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeys } from '../src/db/schema.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createKey, signUp } from './helpers/users.js';

let t: TestApp;
let clocked: TestApp;
const clock = createManualClock(new Date('2026-03-01T12:00:00.000Z'));
beforeAll(async () => {
  t = await buildTestApp();
  clocked = await buildTestApp({ clock });
});
afterAll(async () => {
  await t.close();
  await clocked.close();
});

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

    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: owner.headers });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/v1/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthorized' });
    const again = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: owner.headers });
    expect(again.statusCode).toBe(404);
  });

  it('needs a session to create or revoke keys, so a leaked key cannot keep itself alive', async () => {
    const owner = await signUp(t.app);
    const { key, prefix } = await createKey(t.app, owner);
    const bearer = { authorization: `Bearer ${key}` };
    const mint = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: bearer, payload: { name: 'backdoor' } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json()).toMatchObject({ error: 'forbidden' });
    const other = await createKey(t.app, owner, 'other');
    const revokeOther = await t.app.inject({ method: 'DELETE', url: `/v1/keys/${other.prefix}`, headers: bearer });
    expect(revokeOther.statusCode).toBe(403);
    // Reading the list is fine; the session revokes the key and it stops working.
    expect((await t.app.inject({ url: '/v1/keys', headers: bearer })).json<{ keys: unknown[] }>().keys).toHaveLength(2);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/keys/${prefix}`, headers: owner.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer })).statusCode).toBe(401);
  });

  it('records when a key was last used, at most once a minute', async () => {
    const owner = await signUp(clocked.app);
    const { key, prefix } = await createKey(clocked.app, owner);
    const lastUsed = async () => {
      const list = await clocked.app.inject({ url: '/v1/keys', headers: owner.headers });
      return list.json<{ keys: { prefix: string; last_used_at: string | null }[] }>().keys.find((row) => row.prefix === prefix)?.last_used_at;
    };
    expect(await lastUsed()).toBeNull();
    const first = clock.now().toISOString();
    expect((await clocked.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    await vi.waitFor(async () => expect(await lastUsed()).toBe(first));

    clock.advance(30_000);
    await clocked.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
    clock.advance(31_000);
    const later = clock.now().toISOString();
    await clocked.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
    await vi.waitFor(async () => expect(await lastUsed()).toBe(later));
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
