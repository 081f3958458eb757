import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../src/audit/actions.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createOperator, type Operator } from './helpers/admin.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

interface AdminSpell {
  full_name: string;
  owner: string;
  name: string;
  visibility: string;
  status: string;
  casts: number;
  unpublished: { at: string; reason: string } | null;
}
interface AuditLog {
  action: string;
  actor: { type: string; id: string | null };
  tenant_id: string | null;
  target: { type: string; id: string | null };
  after: Record<string, unknown> | null;
}

let t: TestApp;
let operator: Operator;
beforeAll(async () => {
  t = await buildTestApp();
  operator = await createOperator(t.services);
});
afterAll(() => t.close());

const admin = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: operator.headers, ...(payload ? { payload } : {}) });
const handleOf = async (user: SignedUp) => (await t.app.inject({ url: '/v1/me', headers: user.headers })).json<{ tenant: { handle: string } }>().tenant.handle;
const cast = (user: SignedUp, spell: string) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell, input: { hello: 'world' } } });
const catalogNames = async (user: SignedUp, q: string) =>
  (await t.app.inject({ url: `/v1/spells?q=${encodeURIComponent(q)}`, headers: user.headers })).json<{ spells: { full_name: string }[] }>().spells.map((s) => s.full_name);
const adminSearch = async (query: string) => (await admin('GET', `/v1/admin/spells?${query}`)).json<{ spells: AdminSpell[]; next_cursor: string | null }>();

/** A creator with one public spell (cast once by a consumer) and one private spell. */
async function creatorWithSpells(prefix: string) {
  const creator = await signUp(t.app);
  const consumer = await signUp(t.app);
  const handle = await handleOf(creator);
  const name = `${prefix}-${Math.random().toString(16).slice(2, 8)}`;
  await publish(t.app, creator, name, exampleSpell('echo'), { visibility: 'public' });
  await publish(t.app, creator, `${name}-private`, exampleSpell('echo'));
  expect((await cast(consumer, `${handle}/${name}`)).statusCode).toBe(200);
  return { creator, consumer, handle, name, full: `${handle}/${name}` };
}

describe('admin.spells', () => {
  it('refuses consumer credentials: a session, an API key, a session cookie', async () => {
    const { creator, handle, name } = await creatorWithSpells('refuse');
    const { key } = await createKey(t.app, creator);
    for (const headers of [{}, creator.headers, { authorization: `Bearer ${key}` }, { cookie: `spell_session=${creator.token}` }]) {
      const list = await t.app.inject({ url: '/v1/admin/spells', headers });
      expect(list.statusCode).toBe(401);
      const unpublish = await t.app.inject({ method: 'POST', url: `/v1/admin/spells/${handle}/${name}/unpublish`, headers, payload: { reason: 'mine' } });
      expect(unpublish.statusCode).toBe(401);
      const republish = await t.app.inject({ method: 'POST', url: `/v1/admin/spells/${handle}/${name}/republish`, headers, payload: {} });
      expect(republish.statusCode).toBe(401);
    }
    expect((await adminSearch(`q=${name}`)).spells.find((s) => s.name === name)).toMatchObject({ status: 'live' });
  });

  it('searches every tenant’s spells by name, owner handle and description, and filters by status', async () => {
    const { handle, name, full } = await creatorWithSpells('search');
    const byName = await adminSearch(`q=${name}`);
    expect(byName.spells.map((s) => s.full_name).sort()).toEqual([full, `${full}-private`]);
    expect(byName.spells.find((s) => s.full_name === full)).toMatchObject({ owner: handle, visibility: 'public', status: 'live', casts: 1, unpublished: null });
    expect((await adminSearch(`owner=${handle}`)).spells).toHaveLength(2);
    expect((await adminSearch(`q=${handle}&status=unpublished`)).spells).toEqual([]);
    expect((await adminSearch('q=%25')).spells).toEqual([]);
    const paged = await adminSearch(`owner=${handle}&limit=1`);
    expect(paged.spells).toHaveLength(1);
    const next = await adminSearch(`owner=${handle}&limit=1&cursor=${paged.next_cursor ?? ''}`);
    expect(next.spells).toHaveLength(1);
    expect(next.spells[0]?.full_name).not.toBe(paged.spells[0]?.full_name);
    expect((await admin('GET', '/v1/admin/spells?status=gone')).statusCode).toBe(400);
  });

  it('unpublishes: out of the catalog, 410 to other casters (pinned or not), the owner still casts and sees why, audited both sides; republish restores', async () => {
    const { creator, consumer, handle, name, full } = await creatorWithSpells('moderate');
    const url = `/v1/admin/spells/${handle}/${name}`;
    expect((await admin('POST', `${url}/unpublish`, { reason: '' })).statusCode).toBe(400);
    expect((await admin('POST', `${url}/unpublish`, { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await admin('POST', `${url}/unpublish`, {})).statusCode).toBe(400);

    const unpublished = await admin('POST', `${url}/unpublish`, { reason: 'Reported as malware' });
    expect(unpublished.statusCode).toBe(200);
    expect(unpublished.json()).toMatchObject({ spell: { full_name: full, status: 'unpublished', casts: 1, unpublished: { reason: 'Reported as malware' } } });
    expect((await admin('POST', `${url}/unpublish`, { reason: 'again' })).statusCode).toBe(409);

    expect(await catalogNames(consumer, name)).toEqual([]);
    for (const ref of [full, `${full}@1`]) {
      const refused = await cast(consumer, ref);
      expect(refused.statusCode, ref).toBe(410);
      expect(refused.json()).toMatchObject({ error: 'spell_retired', spell: full });
    }
    expect((await t.app.inject({ url: `/v1/spells/${handle}/${name}`, headers: consumer.headers })).statusCode).toBe(410);

    expect((await cast(creator, name)).statusCode).toBe(200);
    expect((await cast(creator, `${full}@1`)).statusCode).toBe(200);
    const own = await t.app.inject({ url: `/v1/spells/${name}`, headers: creator.headers });
    expect(own.json()).toMatchObject({ unpublished: { reason: 'Reported as malware' } });
    const makePublic = await t.app.inject({ method: 'PATCH', url: `/v1/spells/${name}`, headers: creator.headers, payload: { visibility: 'public' } });
    expect(makePublic.statusCode).toBe(403);

    const operatorTrail = (await admin('GET', `/v1/admin/audit-logs?action=spell_unpublished&tenant_id=${creator.user.tenant_id}`)).json<{ audit_logs: AuditLog[] }>();
    expect(operatorTrail.audit_logs).toEqual([
      expect.objectContaining({
        actor: { type: 'operator', id: operator.id },
        tenant_id: creator.user.tenant_id,
        target: { type: 'spell', id: expect.any(String) },
        after: expect.objectContaining({ owner: handle, name, reason: 'Reported as malware' }),
      }),
    ]);
    const ownerTrail = await t.app.inject({ url: '/v1/audit-logs', headers: creator.headers });
    expect(ownerTrail.statusCode).toBe(200);
    expect(ownerTrail.json<{ audit_logs: AuditLog[] }>().audit_logs.map((row) => row.action)).toContain('spell_unpublished');
    const otherTrail = await t.app.inject({ url: '/v1/audit-logs', headers: consumer.headers });
    expect(otherTrail.json<{ audit_logs: AuditLog[] }>().audit_logs.map((row) => row.action)).not.toContain('spell_unpublished');

    const republished = await admin('POST', `${url}/republish`);
    expect(republished.statusCode).toBe(200);
    expect(republished.json()).toMatchObject({ spell: { status: 'live', unpublished: null } });
    expect((await admin('POST', `${url}/republish`)).statusCode).toBe(409);
    expect(await catalogNames(consumer, name)).toEqual([full]);
    expect((await cast(consumer, full)).statusCode).toBe(200);
    expect((await cast(consumer, `${full}@1`)).statusCode).toBe(200);
    const afterTrail = (await t.app.inject({ url: '/v1/audit-logs?action=spell_republished', headers: creator.headers })).json<{ audit_logs: AuditLog[] }>();
    expect(afterTrail.audit_logs).toEqual([expect.objectContaining({ actor: { type: 'operator', id: operator.id }, after: expect.objectContaining({ owner: handle, name }) })]);
  });

  it('refuses to unpublish a private, a deleted or a missing spell', async () => {
    const { creator, handle, name } = await creatorWithSpells('refused');
    const privateOne = await admin('POST', `/v1/admin/spells/${handle}/${name}-private/unpublish`, { reason: 'spam' });
    expect(privateOne.statusCode).toBe(409);
    expect(privateOne.json<{ message: string }>().message).toMatch(/is private/);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/spells/${name}`, headers: creator.headers })).statusCode).toBe(204);
    const deleted = await admin('POST', `/v1/admin/spells/${handle}/${name}/unpublish`, { reason: 'spam' });
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json<{ message: string }>().message).toMatch(/was deleted/);
    expect((await admin('POST', `/v1/admin/spells/${handle}/${name}/republish`)).statusCode).toBe(409);
    expect((await admin('POST', `/v1/admin/spells/${handle}/no-such-spell/unpublish`, { reason: 'spam' })).statusCode).toBe(404);
    expect((await adminSearch(`owner=${handle}&status=deleted`)).spells.map((s) => s.name)).toEqual([name]);
    const trail = (await t.app.inject({ url: '/v1/audit-logs', headers: creator.headers })).json<{ audit_logs: AuditLog[] }>();
    expect(trail.audit_logs.filter((row) => row.action.startsWith('spell_'))).toEqual([]);
  });

  it('offers every audit action, the new ones included, in the console’s Action filter', () => {
    const source = readFileSync(new URL('../web/src/admin/audit-log.tsx', import.meta.url), 'utf8');
    const offered = /const AUDIT_ACTIONS = \[([^\]]*)\]/.exec(source)?.[1]?.match(/'[a-z_]+'/g)?.map((word) => word.slice(1, -1));
    expect(offered?.sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['spell_unpublished', 'spell_republished', 'handle_changed']));
  });
});
