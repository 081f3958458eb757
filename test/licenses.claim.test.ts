import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAuditLogs, entitlements, licenseKeys, tenants, users } from '../src/db/schema.js';
import { generateLicenseKey, normalizeLicenseKey } from '../src/licenses/keys.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { claimBody, createOperator, issueKeys, type Operator } from './helpers/admin.js';
import { signUp } from './helpers/users.js';

const KEY_FORMAT = /^SPELL-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]{4}$/;

let t: TestApp;
let operator: Operator;
beforeAll(async () => {
  t = await buildTestApp();
  operator = await createOperator(t.services);
});
afterAll(() => t.close());

/** Each claim from its own address, so the per-IP limit stays out of the way unless a test wants it. */
let nextAddress = 0;
const claim = (body: Record<string, string>, remoteAddress = `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`) =>
  t.app.inject({ method: 'POST', url: '/v1/public/license/claim', payload: body, remoteAddress });

const keyRow = async (id: string) => (await t.services.db.select().from(licenseKeys).where(eq(licenseKeys.id, id)))[0];

describe('license keys', () => {
  it('are generated in the documented format, distinct, and stored only as hashes', async () => {
    const keys = await issueKeys(t.app, operator, 50, 'format check');
    expect(keys).toHaveLength(50);
    expect(new Set(keys.map((key) => key.key)).size).toBe(50);
    for (const { key } of keys) expect(key).toMatch(KEY_FORMAT);
    const rows = await t.services.db.select().from(licenseKeys).where(eq(licenseKeys.memo, 'format check'));
    expect(rows).toHaveLength(50);
    const stored = JSON.stringify(rows);
    for (const { key } of keys) expect(stored).not.toContain(key.slice(6, 14));
    for (const row of rows) expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accept what people type: lower case, spaces, O for 0 and I or L for 1', () => {
    const key = generateLicenseKey('SPELL-').replace(/0/g, 'O').replace(/1/g, 'l');
    expect(normalizeLicenseKey(` ${key.toLowerCase()} `, 'SPELL-')).toBe(key.replace(/O/g, '0').replace(/l/g, '1'));
    expect(normalizeLicenseKey('SPELL-1234', 'SPELL-')).toBeUndefined();
    expect(normalizeLicenseKey(`OTHER-${key.slice(6)}`, 'SPELL-')).toBeUndefined();
  });

  it('are listed with status, memo and claimant, filtered and paged', async () => {
    const memo = `list ${Date.now()}`;
    const keys = await issueKeys(t.app, operator, 5, memo);
    const first = keys[0];
    if (!first) throw new Error('no key');
    expect((await claim(claimBody(first.key))).statusCode).toBe(201);

    const page1 = await t.app.inject({ url: `/v1/admin/license-keys?q=${encodeURIComponent(memo)}&limit=3`, headers: operator.headers });
    expect(page1.statusCode).toBe(200);
    const body1 = page1.json<{ license_keys: { id: string; status: string; memo: string }[]; next_cursor: string | null }>();
    expect(body1.license_keys).toHaveLength(3);
    expect(body1.next_cursor).toBeTruthy();
    const page2 = await t.app.inject({
      url: `/v1/admin/license-keys?q=${encodeURIComponent(memo)}&limit=3&cursor=${body1.next_cursor}`,
      headers: operator.headers,
    });
    const body2 = page2.json<typeof body1>();
    expect(body2.license_keys).toHaveLength(2);
    expect(body2.next_cursor).toBeNull();
    const ids = [...body1.license_keys, ...body2.license_keys].map((key) => key.id);
    expect(new Set(ids)).toEqual(new Set(keys.map((key) => key.id)));

    const used = await t.app.inject({ url: `/v1/admin/license-keys?q=${encodeURIComponent(memo)}&status=used`, headers: operator.headers });
    const usedKeys = used.json<{ license_keys: { id: string; claimed_by: { email: string } | null; claimed_at: string }[] }>().license_keys;
    expect(usedKeys).toHaveLength(1);
    expect(usedKeys[0]).toMatchObject({ id: first.id, claimed_by: { email: expect.stringMatching(/^claimant-/) } });
  });
});

describe('license claims', () => {
  it('create an active tenant, its owner and a LIFETIME entitlement, and sign in', async () => {
    const [issued] = await issueKeys(t.app, operator, 1, 'happy path');
    if (!issued) throw new Error('no key');
    const body = claimBody(issued.key.toLowerCase(), { tenant_name: 'Lifetime Labs', display_name: 'Ada' });
    const response = await claim(body);
    expect(response.statusCode).toBe(201);
    const claimed = response.json<{ token: string; user: { id: string; role: string; tenant_id: string }; tenant: { name: string; status: string } }>();
    expect(claimed.user.role).toBe('owner');
    expect(claimed.tenant).toMatchObject({ name: 'Lifetime Labs', status: 'active' });
    expect(response.headers['set-cookie']).toBeDefined();

    const me = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${claimed.token}` } });
    expect(me.json()).toMatchObject({ plan: 'LIFETIME', status: 'active', role: 'owner', user: { display_name: 'Ada' } });

    const grants = await t.services.db.select().from(entitlements).where(eq(entitlements.tenantId, claimed.user.tenant_id));
    expect(grants).toMatchObject([{ planCode: 'LIFETIME', source: 'license', sourceRef: issued.id, status: 'active' }]);
    expect(await keyRow(issued.id)).toMatchObject({ status: 'used', claimedTenantId: claimed.user.tenant_id, claimedUserId: claimed.user.id });

    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.tenantId, claimed.user.tenant_id));
    expect(audit.map((row) => row.action).sort()).toEqual(['entitlement_created', 'license_claimed']);
    expect(audit.find((row) => row.action === 'license_claimed')).toMatchObject({
      actorType: 'user',
      actorId: claimed.user.id,
      targetType: 'license_key',
      targetId: issued.id,
    });

    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: body.email, password: body.password } });
    expect(login.statusCode).toBe(200);
  });

  it('need no names: the tenant is named as at sign-up, after the email', async () => {
    const [issued] = await issueKeys(t.app, operator, 1, 'no names');
    if (!issued) throw new Error('no key');
    const body = claimBody(issued.key);
    delete body.display_name;
    delete body.tenant_name;
    const response = await claim(body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ tenant: { name: body.email, status: 'active' }, user: { display_name: null } });
  });

  it('answer a used, a revoked, an unknown and a malformed key with the same error', async () => {
    const [used, revoked] = await issueKeys(t.app, operator, 2, 'refusals');
    if (!used || !revoked) throw new Error('no keys');
    expect((await claim(claimBody(used.key))).statusCode).toBe(201);
    const revoke = await t.app.inject({ method: 'POST', url: `/v1/admin/license-keys/${revoked.id}/revoke`, headers: operator.headers });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ license_key: { status: 'revoked' } });

    const bodies = new Set<string>();
    for (const key of [used.key, revoked.key, generateLicenseKey('SPELL-'), 'SPELL-nonsense']) {
      const response = await claim(claimBody(key));
      expect(response.statusCode, key).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_license_key' });
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
    expect(await keyRow(revoked.id)).toMatchObject({ status: 'revoked', claimedTenantId: null });
  });

  it('with an existing account\'s email and its password, grant LIFETIME to that account\'s tenant', async () => {
    const existing = await signUp(t.app);
    const [issued] = await issueKeys(t.app, operator, 1, 'existing account');
    if (!issued) throw new Error('no key');
    const tenantsBefore = (await t.services.db.select().from(tenants)).length;
    const response = await claim(claimBody(issued.key, { email: existing.email.toUpperCase(), password: existing.password }));
    expect(response.statusCode).toBe(201);
    const claimed = response.json<{ token: string; user: { id: string; tenant_id: string } }>();
    expect(claimed.user).toMatchObject({ id: existing.user.id, tenant_id: existing.user.tenant_id });
    expect((await t.services.db.select().from(tenants)).length).toBe(tenantsBefore);
    expect(await keyRow(issued.id)).toMatchObject({ status: 'used', claimedTenantId: existing.user.tenant_id, claimedUserId: existing.user.id });
    const me = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${claimed.token}` } });
    expect(me.json()).toMatchObject({ plan: 'LIFETIME' });
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.tenantId, existing.user.tenant_id));
    expect(audit.map((row) => row.action).sort()).toEqual(['entitlement_created', 'license_claimed']);

    // A second key for the same account is refused without being looked at, and stays unused.
    const [second] = await issueKeys(t.app, operator, 1, 'second for the same account');
    if (!second) throw new Error('no key');
    const again = await claim(claimBody(second.key, { email: existing.email, password: existing.password }));
    expect(again.statusCode).toBe(409);
    expect(await keyRow(second.id)).toMatchObject({ status: 'unused' });
  });

  it('answer a wrong password for an existing email exactly like a bad key, and leave the key unused', async () => {
    const existing = await signUp(t.app);
    const [issued] = await issueKeys(t.app, operator, 1, 'wrong password');
    if (!issued) throw new Error('no key');
    const wrong = await claim(claimBody(issued.key, { email: existing.email, password: 'not the password' }));
    const badKey = await claim(claimBody(generateLicenseKey('SPELL-')));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toBe(badKey.body);
    expect(await keyRow(issued.id)).toMatchObject({ status: 'unused', claimedAt: null, claimedTenantId: null });
    expect((await claim(claimBody(issued.key))).statusCode).toBe(201);
  });

  it('tell an account that already has LIFETIME nothing about a bad key: the 409 needs a valid key and the password', async () => {
    const existing = await signUp(t.app);
    const [first] = await issueKeys(t.app, operator, 1, 'lifetime first');
    if (!first) throw new Error('no key');
    expect((await claim(claimBody(first.key, { email: existing.email, password: existing.password }))).statusCode).toBe(201);
    const badKey = await claim(claimBody(generateLicenseKey('SPELL-')));
    const unknownKey = await claim(claimBody(generateLicenseKey('SPELL-'), { email: existing.email, password: existing.password }));
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.body).toBe(badKey.body);
    const [second] = await issueKeys(t.app, operator, 1, 'lifetime second, wrong password');
    if (!second) throw new Error('no key');
    const wrong = await claim(claimBody(second.key, { email: existing.email, password: 'not the password' }));
    expect(wrong.body).toBe(badKey.body);
    expect(await keyRow(second.id)).toMatchObject({ status: 'unused' });
  });

  it('count a wrong password for an existing email as a failed sign-in, so claims are no way around the sign-in throttle', async () => {
    const existing = await signUp(t.app);
    const [issued] = await issueKeys(t.app, operator, 1, 'guessing through claims');
    if (!issued) throw new Error('no key');
    const address = '10.77.0.1';
    // LOGIN_FAILURES_PER_ACCOUNT_IP is 5 by default; the claim limit (5 a minute per IP) would
    // stop the sixth claim too, so the sign-in that follows shows whose count it is.
    for (let i = 0; i < 5; i += 1) {
      expect((await claim(claimBody(issued.key, { email: existing.email, password: `guess number ${i}` }), address)).statusCode).toBe(400);
    }
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: address,
      payload: { email: existing.email, password: existing.password },
    });
    expect(signIn.statusCode).toBe(429);
    expect(signIn.json()).toMatchObject({ error: 'rate_limited' });
    expect(await keyRow(issued.id)).toMatchObject({ status: 'unused' });
  });

  it('of one key by an existing account and a newcomer at once: exactly one wins', async () => {
    const existing = await signUp(t.app);
    const [issued] = await issueKeys(t.app, operator, 1, 'mixed race');
    if (!issued) throw new Error('no key');
    const responses = await Promise.all([
      claim(claimBody(issued.key, { email: existing.email, password: existing.password })),
      ...Array.from({ length: 5 }, () => claim(claimBody(issued.key))),
    ]);
    expect(responses.map((response) => response.statusCode).filter((status) => status === 201)).toHaveLength(1);
    const grants = await t.services.db.select().from(entitlements).where(eq(entitlements.sourceRef, issued.id));
    expect(grants).toHaveLength(1);
  });

  it('of one key by 20 people at once: exactly one wins', async () => {
    const [issued] = await issueKeys(t.app, operator, 1, 'race');
    if (!issued) throw new Error('no key');
    const bodies = Array.from({ length: 20 }, () => claimBody(issued.key));
    const responses = await Promise.all(bodies.map((body) => claim(body)));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(19);
    const owners = await t.services.db.select().from(users);
    const claimants = owners.filter((user) => bodies.some((body) => body.email === user.email));
    expect(claimants).toHaveLength(1);
    const grants = await t.services.db.select().from(entitlements).where(eq(entitlements.sourceRef, issued.id));
    expect(grants).toHaveLength(1);
  });

  it('are limited to 5 a minute per IP, also when the body is invalid', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 5; i += 1) {
      const response = await claim(i % 2 === 0 ? claimBody(generateLicenseKey('SPELL-')) : { license_key: 'x' }, address);
      expect(response.statusCode).toBe(400);
    }
    const sixth = await claim(claimBody(generateLicenseKey('SPELL-')), address);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await claim(claimBody(generateLicenseKey('SPELL-')), '203.0.113.78')).statusCode).toBe(400);
  });
});

describe('license revocation', () => {
  it('refuses used and already revoked keys and unknown ids', async () => {
    const [issued] = await issueKeys(t.app, operator, 1, 'revoke rules');
    if (!issued) throw new Error('no key');
    expect((await claim(claimBody(issued.key))).statusCode).toBe(201);
    const used = await t.app.inject({ method: 'POST', url: `/v1/admin/license-keys/${issued.id}/revoke`, headers: operator.headers });
    expect(used.statusCode).toBe(409);
    expect(used.json()).toMatchObject({ error: 'conflict', status: 'used' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/license-keys/00000000-0000-4000-8000-000000000000/revoke',
      headers: operator.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('validates batch requests', async () => {
    for (const payload of [{ count: 0, memo: 'x' }, { count: 1001, memo: 'x' }, { count: 1, memo: '' }, { count: 1.5, memo: 'x' }]) {
      const response = await t.app.inject({ method: 'POST', url: '/v1/admin/license-keys', headers: operator.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed' });
    }
  });
});
