import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('spells.stats', () => {
  it('counts every caller’s casts of a spell and earns the creator’s share of the successful ones by others', async () => {
    const creator = await signUp(t.app);
    const caster = await signUp(t.app);
    await publish(t.app, creator, 'stats-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 3 });
    await publish(t.app, creator, 'stats-trap', exampleSpell('trap'), { visibility: 'public', price_cents: 5 });
    const cast = (spell: string) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: `${creator.handle}/${spell}`, input: { n: 1 } } });
    expect((await cast('stats-echo')).statusCode).toBe(200);
    expect((await cast('stats-echo')).statusCode).toBe(200);
    expect((await cast('stats-trap')).statusCode).toBe(422);
    const own = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: creator.headers, payload: { spell: 'stats-echo', input: { n: 1 } } });
    expect(own.statusCode).toBe(200);

    const echo = await t.app.inject({ url: '/v1/spells/stats-echo/stats', headers: creator.headers });
    expect(echo.statusCode).toBe(200);
    // 80% of 3 cents is 2 (rounded down), twice; the creator's own cast earns nothing.
    expect(echo.json()).toMatchObject({ casts: 3, succeeded: 3, failed: 0, earnings_cents: 4 });
    expect(echo.json<{ last_cast_at: string }>().last_cast_at).toEqual(expect.any(String));
    const trap = await t.app.inject({ url: '/v1/spells/stats-trap/stats', headers: creator.headers });
    expect(trap.json()).toMatchObject({ casts: 1, succeeded: 0, failed: 1, earnings_cents: 0 });
    // Billing is off: the same earnings are book entries, shown and said never to be paid out.
    const earnings = await t.app.inject({ url: '/v1/creator/earnings', headers: creator.headers });
    expect(earnings.json()).toMatchObject({ earned_cents: 4, pending_cents: 4, unbilled_cents: 4, unbilled: expect.stringContaining('never paid out') });
  });

  it('shows a spell’s numbers to its creator only: a bare name is always the caller’s own spell', async () => {
    const creator = await signUp(t.app);
    const other = await signUp(t.app);
    await publish(t.app, creator, 'stats-private', exampleSpell('echo'), { visibility: 'public' });
    const refused = await t.app.inject({ url: '/v1/spells/stats-private/stats', headers: other.headers });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual({ error: 'not_found', message: `You have no spell named stats-private (${other.handle}/stats-private).` });
    const unknown = await t.app.inject({ url: '/v1/spells/no-such-spell/stats', headers: creator.headers });
    expect(unknown.statusCode).toBe(404);
    const fresh = await t.app.inject({ url: '/v1/spells/stats-private/stats', headers: creator.headers });
    expect(fresh.json()).toEqual({ casts: 0, succeeded: 0, failed: 0, earnings_cents: 0, last_cast_at: null });
  });
});
