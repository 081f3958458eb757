import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castSplits } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createOperator, type Operator } from './helpers/admin.js';
import { earn, recordTestPayout } from './helpers/payouts.js';
import { releaseHeldEarnings } from '../src/ledger/earnings.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let operator: Operator;
let creator: SignedUp;
let consumer: SignedUp;
beforeAll(async () => {
  t = await buildTestApp();
  operator = await createOperator(t.services);
  [creator, consumer] = [await signUp(t.app), await signUp(t.app)];
  await publish(t.app, creator, 'shared-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 10 });
});
afterAll(() => t.close());

const admin = (method: 'GET' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: operator.headers, ...(payload ? { payload } : {}) });
const setShare = (tenantId: string, percent: number | null) => admin('PUT', `/v1/admin/tenants/${tenantId}/creator-share`, { percent });
const cast = () => t.app.inject({ method: 'POST', url: '/v1/cast', headers: consumer.headers, payload: { spell: `${creator.handle}/shared-echo`, input: 1 } });
interface Creator {
  tenant_id: string;
  handle: string;
  pending_cents: number;
  payable_cents: number;
  paid_out_cents: number;
  share_override_percent: number | null;
  share_percent: number;
}
const findCreator = async (q: string) => (await admin('GET', `/v1/admin/creators?q=${encodeURIComponent(q)}`)).json<{ creators: Creator[] }>().creators;

describe('admin.creators', () => {
  it('sets a creator’s share for casts settled afterwards, audited with before and after; settled casts keep theirs', async () => {
    expect((await cast()).statusCode).toBe(200);
    const set = await setShare(creator.user.tenant_id, 50);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ tenant_id: creator.user.tenant_id, share_override_percent: 50, share_percent: 50, changed: true });
    expect((await cast()).statusCode).toBe(200);

    const splits = await t.services.db.select({ share: castSplits.sharePercent, cents: castSplits.creatorCents }).from(castSplits).where(eq(castSplits.creatorTenantId, creator.user.tenant_id));
    expect(splits.map((split) => [split.share, split.cents]).sort()).toEqual([
      [50, 5],
      [80, 8],
    ]);
    const earnings = await t.app.inject({ url: '/v1/creator/earnings', headers: creator.headers });
    expect(earnings.json()).toMatchObject({ earned_cents: 13, share_percent: 50 });

    const audit = await admin('GET', `/v1/admin/audit-logs?action=creator_share_changed&target_id=${creator.user.tenant_id}`);
    expect(audit.json<{ audit_logs: unknown[] }>().audit_logs).toEqual([
      expect.objectContaining({
        action: 'creator_share_changed',
        actor: { type: 'operator', id: operator.id },
        tenant_id: creator.user.tenant_id,
        before: { creator_share_percent: null },
        after: { creator_share_percent: 50 },
      }),
    ]);
    // The same share again changes nothing and is not audited; null goes back to the default.
    expect((await setShare(creator.user.tenant_id, 50)).json()).toMatchObject({ changed: false });
    expect((await setShare(creator.user.tenant_id, null)).json()).toMatchObject({ share_override_percent: null, share_percent: 80, changed: true });
    const trail = await admin('GET', `/v1/admin/audit-logs?action=creator_share_changed&target_id=${creator.user.tenant_id}`);
    expect(trail.json<{ audit_logs: unknown[] }>().audit_logs).toHaveLength(2);
  });

  it('refuses a share outside 0–100, an unknown tenant, and anyone but an operator', async () => {
    expect((await setShare(creator.user.tenant_id, 101)).statusCode).toBe(400);
    expect((await setShare('00000000-0000-4000-8000-000000000000', 10)).statusCode).toBe(404);
    const asUser = await t.app.inject({ method: 'PUT', url: `/v1/admin/tenants/${creator.user.tenant_id}/creator-share`, headers: creator.headers, payload: { percent: 100 } });
    expect([401, 403]).toContain(asUser.statusCode);
    expect((await t.app.inject({ url: '/v1/admin/creators', headers: creator.headers })).statusCode).not.toBe(200);
    expect((await t.app.inject({ url: '/v1/admin/payouts', headers: creator.headers })).statusCode).not.toBe(200);
  });

  it('lists creators with their balances and share, and every payout filtered by status', async () => {
    await setShare(creator.user.tenant_id, 90);
    // 7 cents payable (held earnings past their hold), then paid out in two payouts.
    await earn(t.services.db, creator.user.tenant_id, 7);
    await releaseHeldEarnings(t.services.db, new Date());
    const [paidId, pendingId] = [
      await recordTestPayout(t.services.db, { tenantId: creator.user.tenant_id, amountCents: 4, now: new Date() }),
      await recordTestPayout(t.services.db, { tenantId: creator.user.tenant_id, amountCents: 3, now: new Date(Date.now() + 1_000), paid: false }),
    ];
    const [found] = await findCreator(creator.handle);
    expect(found).toMatchObject({ tenant_id: creator.user.tenant_id, handle: creator.handle, pending_cents: 13, payable_cents: 0, paid_out_cents: 4, share_override_percent: 90, share_percent: 90 });
    // A tenant that only casts is not a creator.
    expect(await findCreator(consumer.handle)).toEqual([]);

    const all = (await admin('GET', '/v1/admin/payouts')).json<{ payouts: { id: string; status: string; handle: string }[] }>().payouts;
    expect(all.map((payout) => payout.id)).toEqual([pendingId, paidId]);
    expect(all[0]).toMatchObject({ handle: creator.handle, status: 'pending' });
    const paid = (await admin('GET', '/v1/admin/payouts?status=paid')).json<{ payouts: { id: string }[] }>().payouts;
    expect(paid.map((payout) => payout.id)).toEqual([paidId]);
    expect((await admin('GET', '/v1/admin/payouts?status=lost')).statusCode).toBe(400);
  });
});
