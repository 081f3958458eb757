import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createOperator, issueKeys, type Operator } from './helpers/admin.js';
import { signUp, type SignedUp } from './helpers/users.js';

interface AuditLog {
  id: string;
  action: string;
  actor: { type: string; id: string | null };
  tenant_id: string | null;
  target: { type: string; id: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: string;
}

const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
let t: TestApp;
let operator: Operator;
beforeAll(async () => {
  t = await buildTestApp({ clock });
  operator = await createOperator(t.services);
});
afterAll(() => t.close());

const admin = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: operator.headers, ...(payload ? { payload } : {}) });
const auditOf = async (query: string) =>
  (await admin('GET', `/v1/admin/audit-logs?${query}`)).json<{ audit_logs: AuditLog[]; next_cursor: string | null }>();
const me = async (user: SignedUp) => (await t.app.inject({ url: '/v1/me', headers: user.headers })).json<{ plan: string; status: string }>();

describe('admin.tenants', () => {
  it('finds tenants by name, by a user email and by status', async () => {
    const user = await signUp(t.app, { email: `findme-${Date.now()}@example.com` });
    const byEmail = await admin('GET', `/v1/admin/tenants?q=${encodeURIComponent(user.email.slice(0, 12))}`);
    expect(byEmail.statusCode).toBe(200);
    const found = byEmail.json<{ tenants: { id: string; owner_email: string; plan: string; status: string }[] }>().tenants;
    expect(found).toEqual([expect.objectContaining({ id: user.user.tenant_id, owner_email: user.email, plan: 'FREE', status: 'active' })]);
    const byName = await admin('GET', `/v1/admin/tenants?q=${encodeURIComponent(user.email)}&status=suspended`);
    expect(byName.json()).toMatchObject({ tenants: [] });
    const wildcard = await admin('GET', '/v1/admin/tenants?q=%25');
    expect(wildcard.json()).toMatchObject({ tenants: [] });
  });

  it('shows one tenant with its users, entitlements, billing account and audit trail', async () => {
    const user = await signUp(t.app);
    const detail = await admin('GET', `/v1/admin/tenants/${user.user.tenant_id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      tenant: { id: user.user.tenant_id, status: 'active', grace_until: null },
      plan: 'FREE',
      users: [{ id: user.user.id, email: user.email, role: 'owner' }],
      entitlements: [],
      billing_account: null,
      audit_logs: [],
    });
    expect((await admin('GET', '/v1/admin/tenants/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('moves a tenant through suspended and back to active, audited as the operator', async () => {
    const user = await signUp(t.app);
    const tenantUrl = `/v1/admin/tenants/${user.user.tenant_id}`;
    const suspend = await admin('POST', `${tenantUrl}/status`, { status: 'suspended', reason: 'chargeback' });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json()).toMatchObject({ tenant: { status: 'suspended' }, changed: true });
    expect(await me(user)).toMatchObject({ status: 'suspended' });
    const cast = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: 'demo', input: {} } });
    expect(cast.statusCode).toBe(403);
    expect(cast.json()).toMatchObject({ error: 'account_suspended' });

    clock.advance(1_000);
    const again = await admin('POST', `${tenantUrl}/status`, { status: 'suspended', reason: 'double click' });
    expect(again.json()).toMatchObject({ changed: false });

    clock.advance(1_000);
    const grace = await admin('POST', `${tenantUrl}/status`, { status: 'grace', reason: 'settling', grace_until: '2026-03-05T00:00:00Z' });
    expect(grace.json()).toMatchObject({ tenant: { status: 'grace', grace_until: '2026-03-05T00:00:00.000Z' } });
    clock.advance(1_000);
    const restore = await admin('POST', `${tenantUrl}/status`, { status: 'active', reason: 'paid by wire' });
    expect(restore.json()).toMatchObject({ tenant: { status: 'active', grace_until: null } });

    const trail = (await auditOf(`tenant_id=${user.user.tenant_id}&action=tenant_status_changed`)).audit_logs;
    expect(trail.map((row) => row.after?.status)).toEqual(['active', 'grace', 'suspended']);
    for (const row of trail) expect(row.actor).toEqual({ type: 'operator', id: operator.id });
    expect(trail[2]).toMatchObject({ before: { status: 'active' }, after: { reason: 'chargeback' }, target: { type: 'tenant', id: user.user.tenant_id } });

    const bad = await admin('POST', `${tenantUrl}/status`, { status: 'active', reason: 'x', grace_until: '2026-03-05T00:00:00Z' });
    expect(bad.statusCode).toBe(400);
    expect((await admin('POST', `${tenantUrl}/status`, { status: 'deleted', reason: 'x' })).statusCode).toBe(400);
  });

  it('grants and revokes entitlements by hand, audited', async () => {
    const user = await signUp(t.app);
    const url = `/v1/admin/tenants/${user.user.tenant_id}/entitlements`;
    const granted = await admin('POST', url, { plan_code: 'PRO', reason: 'partner' });
    expect(granted.statusCode).toBe(201);
    const entitlement = granted.json<{ entitlement: { id: string; source: string; status: string } }>().entitlement;
    expect(entitlement).toMatchObject({ source: 'manual', status: 'active' });
    expect(await me(user)).toMatchObject({ plan: 'PRO' });
    expect((await admin('POST', url, { plan_code: 'PRO' })).statusCode).toBe(409);
    expect((await admin('POST', url, { plan_code: 'PRO', valid_until: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);

    clock.advance(1_000);
    const revoked = await admin('POST', `${url}/${entitlement.id}/revoke`, { reason: 'partnership ended' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ entitlement: { status: 'revoked' } });
    expect(await me(user)).toMatchObject({ plan: 'FREE' });
    expect((await admin('POST', `${url}/${entitlement.id}/revoke`)).statusCode).toBe(404);

    const trail = (await auditOf(`target_type=entitlement&target_id=${entitlement.id}`)).audit_logs;
    expect(trail.map((row) => row.action)).toEqual(['entitlement_revoked', 'entitlement_created']);
    expect(trail[0]).toMatchObject({ actor: { type: 'operator', id: operator.id }, after: { reason: 'partnership ended' } });
    expect(trail[1]).toMatchObject({ after: { plan_code: 'PRO', source: 'manual', reason: 'partner' } });

    const temporary = await admin('POST', url, { plan_code: 'LIFETIME', valid_until: '2026-03-02T00:00:00Z' });
    expect(temporary.statusCode).toBe(201);
    expect(await me(user)).toMatchObject({ plan: 'LIFETIME' });
    clock.advance(36 * 3_600_000);
    expect(await me(user)).toMatchObject({ plan: 'FREE' });
    // The lapsed grant does not block a new one; it is retired, audited.
    const renewed = await admin('POST', url, { plan_code: 'LIFETIME' });
    expect(renewed.statusCode).toBe(201);
    expect(await me(user)).toMatchObject({ plan: 'LIFETIME' });
    const lapsed = temporary.json<{ entitlement: { id: string } }>().entitlement.id;
    expect((await auditOf(`target_type=entitlement&target_id=${lapsed}`)).audit_logs[0]).toMatchObject({
      action: 'entitlement_revoked',
      after: { reason: 'expired; replaced by a new grant' },
    });
  });
});

describe('admin.audit-logs', () => {
  it('filters by action, actor and time, newest first, in pages', async () => {
    const from = clock.now();
    clock.advance(1_000);
    for (let i = 0; i < 3; i += 1) {
      await issueKeys(t.app, operator, 1, `audit page ${i}`);
      clock.advance(1_000);
    }
    const to = clock.now();
    clock.advance(1_000);
    await issueKeys(t.app, operator, 1, 'after the window');

    const window = `action=license_generated&from=${from.toISOString()}&to=${to.toISOString()}`;
    const first = await auditOf(`${window}&limit=2`);
    expect(first.audit_logs.map((row) => row.after?.memo)).toEqual(['audit page 2', 'audit page 1']);
    expect(first.audit_logs[0]).toMatchObject({ actor: { type: 'operator', id: operator.id }, target: { type: 'license_batch' }, after: { count: 1 } });
    const second = await auditOf(`${window}&limit=2&cursor=${first.next_cursor}`);
    expect(second.audit_logs.map((row) => row.after?.memo)).toEqual(['audit page 0']);
    expect(second.next_cursor).toBeNull();

    const byActor = await auditOf(`actor_type=operator&actor_id=${operator.id}&action=license_generated`);
    expect(byActor.audit_logs.length).toBeGreaterThanOrEqual(4);
    expect((await auditOf('actor_type=stripe')).audit_logs).toEqual([]);
    expect((await admin('GET', '/v1/admin/audit-logs?from=yesterday')).statusCode).toBe(400);
    expect((await admin('GET', '/v1/admin/audit-logs?cursor=bogus')).statusCode).toBe(400);
  });

  it('cannot be rewritten or deleted, even with direct SQL', async () => {
    await issueKeys(t.app, operator, 1, 'permanent');
    const failure = async (statement: Promise<unknown>) => {
      const error = await statement.then(() => undefined, (caught: unknown) => caught as Error & { cause?: Error });
      return String(error?.cause?.message ?? error?.message);
    };
    expect(await failure(t.services.db.execute(sql`update billing_audit_logs set action = 'nothing_happened'`))).toMatch(/append-only/);
    expect(await failure(t.services.db.execute(sql`delete from billing_audit_logs`))).toMatch(/append-only/);
    expect(await failure(t.services.db.execute(sql`truncate billing_audit_logs`))).toMatch(/append-only/);
    const rows = await auditOf('action=license_generated');
    expect(rows.audit_logs.length).toBeGreaterThan(0);
  });
});

describe('admin.tenants paging', () => {
  it('pages through tenants created within one millisecond without losing any', async () => {
    const names = ['same-ms-a', 'same-ms-b', 'same-ms-c'];
    await t.services.db.execute(sql`insert into tenants (name, handle, created_at) values
      (${names[0]}, ${names[0]}, '2030-01-01T00:00:00.123100Z'), (${names[1]}, ${names[1]}, '2030-01-01T00:00:00.123400Z'), (${names[2]}, ${names[2]}, '2030-01-01T00:00:00.123900Z')`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { tenants: { name: string }[]; next_cursor: string | null } = (
        await admin('GET', `/v1/admin/tenants?q=same-ms-&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.tenants.map((tenant) => tenant.name));
      cursor = page.next_cursor;
    } while (cursor && seen.length < 10);
    expect(seen.sort()).toEqual(names);
  });
});
