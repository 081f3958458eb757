import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema.js';
import { createSession } from '../src/auth/sessions.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const clock = createManualClock(new Date('2026-06-15T08:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

interface Series {
  bucket: string;
  period_start: string;
  points: { start: string; last_cast_at: string; cents: number; casts: number }[];
}

const series = async (user: SignedUp) => {
  const response = await t.app.inject({ url: '/v1/budgets/usage/series', headers: user.headers });
  if (response.statusCode !== 200) throw new Error(`series: ${response.statusCode} ${response.body}`);
  return response.json<Series>();
};

/** The creator of `metered-stats`, published by the first test. */
let publisher: string;

async function castAt(user: SignedUp, spell: string, at: string, input: unknown = { text: 'hi' }): Promise<number> {
  clock.set(new Date(at));
  const response = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell: `${publisher}/${spell}`, input } });
  return response.statusCode;
}

/** A second member of `owner`'s tenant, signed in with a session of their own. */
async function addMember(owner: SignedUp): Promise<SignedUp> {
  const [member] = await t.services.db
    .insert(users)
    .values({ tenantId: owner.user.tenant_id, role: 'member', email: `member-${Date.now()}@example.com` })
    .returning();
  if (!member) throw new Error('no member');
  const session = await createSession(t.services.db, { userId: member.id, now: clock.now(), ttlMs: 30 * 86_400_000 });
  return { ...owner, token: session.token, headers: { authorization: `Bearer ${session.token}` } };
}

describe('budgets.usage-series', () => {
  it("buckets a daily budget's spending by hour, across the tenant's members, and nobody else's", async () => {
    const owner = await signUp(t.app);
    const member = await addMember(owner);
    const stranger = await signUp(t.app);
    // Another creator's spell: a tenant's casts of its own spell cost it only the platform default.
    const creator = await signUp(t.app);
    await publish(t.app, creator, 'metered-stats', exampleSpell('text-stats'), { price_cents: 7, visibility: 'public' });
    publisher = creator.handle;
    clock.set(new Date('2026-06-15T08:00:00Z'));
    await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: owner.headers, payload: { period: 'daily', soft_limit_cents: 100, hard_limit_cents: 200 } });

    expect(await castAt(owner, 'metered-stats', '2026-06-15T10:05:00Z')).toBe(200);
    expect(await castAt(member, 'metered-stats', '2026-06-15T10:40:00Z')).toBe(200);
    expect(await castAt(owner, 'metered-stats', '2026-06-15T13:10:00Z')).toBe(200);
    expect(await castAt(stranger, 'metered-stats', '2026-06-15T13:20:00Z')).toBe(200);
    expect(await castAt(owner, 'metered-stats', '2026-06-14T23:59:00Z')).toBe(200);

    clock.set(new Date('2026-06-15T14:00:00Z'));
    const body = await series(owner);
    expect(body).toMatchObject({ bucket: 'hour', period_start: '2026-06-15T00:00:00.000Z' });
    expect(body.points).toEqual([
      { start: '2026-06-15T10:00:00.000Z', last_cast_at: '2026-06-15T10:40:00.000Z', cents: 14, casts: 2 },
      { start: '2026-06-15T13:00:00.000Z', last_cast_at: '2026-06-15T13:10:00.000Z', cents: 7, casts: 1 },
    ]);
    const usage = (await t.app.inject({ url: '/v1/budgets/usage', headers: owner.headers })).json<{ used_cents: number }>();
    expect(usage.used_cents).toBe(21);
    // Without a budget of its own, the stranger's month is bucketed by day.
    expect(await series(stranger)).toMatchObject({
      bucket: 'day',
      points: [{ start: '2026-06-15T00:00:00.000Z', last_cast_at: '2026-06-15T13:20:00.000Z', cents: 7, casts: 1 }],
    });
  });

  it("buckets a monthly budget by day at the budget's own midnight", async () => {
    const owner = await signUp(t.app);
    clock.set(new Date('2026-07-01T12:00:00Z'));
    await t.app.inject({
      method: 'POST',
      url: '/v1/budgets',
      headers: owner.headers,
      payload: { period: 'monthly', soft_limit_cents: 100, hard_limit_cents: 200, time_zone: 'America/New_York' },
    });
    // 03:30 UTC on the 3rd is still the 2nd in New York.
    expect(await castAt(owner, 'metered-stats', '2026-07-03T03:30:00Z')).toBe(200);
    expect(await castAt(owner, 'metered-stats', '2026-07-03T05:00:00Z')).toBe(200);
    clock.set(new Date('2026-07-04T00:00:00Z'));
    const body = await series(owner);
    expect(body.bucket).toBe('day');
    expect(body.points.map((point) => [point.start, point.cents])).toEqual([
      ['2026-07-02T04:00:00.000Z', 7],
      ['2026-07-03T04:00:00.000Z', 7],
    ]);
  });
});
