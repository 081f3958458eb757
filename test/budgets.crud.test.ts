import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('budgets.crud', () => {
  it('creates, replaces, updates, reads and deletes a budget', async () => {
    const owner = await signUp(t.app);
    const headers = owner.headers;
    expect((await t.app.inject({ url: '/v1/budgets', headers })).json()).toEqual({ budget: null });

    const created = await t.app.inject({ method: 'POST', url: '/v1/budgets', headers, payload: { period: 'monthly', soft_limit_cents: 500, hard_limit_cents: 1000 } });
    expect(created.statusCode).toBe(201);
    // One shape for every budget answer: GET, POST and PUT all answer {budget: …}.
    expect(created.json()).toEqual({
      budget: { period: 'monthly', soft_limit_cents: 500, hard_limit_cents: 1000, time_zone: 'UTC', updated_at: expect.any(String) },
    });

    const replaced = await t.app.inject({
      method: 'POST',
      url: '/v1/budgets',
      headers,
      payload: { period: 'daily', soft_limit_cents: 10, hard_limit_cents: 20, time_zone: 'Europe/Berlin' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ budget: { period: 'daily', hard_limit_cents: 20 } });

    const updated = await t.app.inject({ method: 'PUT', url: '/v1/budgets', headers, payload: { hard_limit_cents: 50 } });
    expect(updated.json()).toEqual({
      budget: { period: 'daily', soft_limit_cents: 10, hard_limit_cents: 50, time_zone: 'Europe/Berlin', updated_at: expect.any(String) },
    });
    expect((await t.app.inject({ url: '/v1/budgets', headers })).json()).toEqual(updated.json());

    const usage = await t.app.inject({ url: '/v1/budgets/usage', headers });
    const body = usage.json<{ period_start: string; period_end: string }>();
    expect(usage.json()).toMatchObject({ period: 'daily', used_cents: 0, reserved_cents: 0, casts: 0, soft_limit_cents: 10, hard_limit_cents: 50 });
    expect(new Date(body.period_end).getTime() - new Date(body.period_start).getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);

    expect((await t.app.inject({ method: 'DELETE', url: '/v1/budgets', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/budgets', headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: '/v1/budgets', headers, payload: { hard_limit_cents: 5 } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/v1/budgets/usage', headers })).json()).toMatchObject({ period: 'monthly', hard_limit_cents: null });
  });

  it.each([
    [{ period: 'weekly', soft_limit_cents: 1, hard_limit_cents: 2 }, '/period'],
    [{ period: 'daily', soft_limit_cents: 30, hard_limit_cents: 20 }, '/soft_limit_cents'],
    [{ period: 'daily', soft_limit_cents: -1, hard_limit_cents: 20 }, '/soft_limit_cents'],
    [{ period: 'daily', soft_limit_cents: 1, hard_limit_cents: 2.5 }, '/hard_limit_cents'],
    [{ period: 'daily', soft_limit_cents: 1, hard_limit_cents: 2, time_zone: 'Mars/Olympus' }, '/time_zone'],
    [{ period: 'daily', soft_limit_cents: 1 }, '/hard_limit_cents'],
  ])('refuses %j, naming %s', async (payload, path) => {
    const owner = await signUp(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: owner.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'validation_failed', issues: expect.arrayContaining([expect.objectContaining({ path })]) });
  });

  it('refuses an update that would put the soft limit above the hard one', async () => {
    const owner = await signUp(t.app);
    await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: owner.headers, payload: { period: 'daily', soft_limit_cents: 5, hard_limit_cents: 10 } });
    const response = await t.app.inject({ method: 'PUT', url: '/v1/budgets', headers: owner.headers, payload: { hard_limit_cents: 4 } });
    expect(response.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/v1/budgets', headers: owner.headers })).json()).toMatchObject({ budget: { hard_limit_cents: 10 } });
  });

  it("keeps each tenant's budget to itself", async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    await t.app.inject({ method: 'POST', url: '/v1/budgets', headers: alice.headers, payload: { period: 'daily', soft_limit_cents: 1, hard_limit_cents: 2 } });
    expect((await t.app.inject({ url: '/v1/budgets', headers: bob.headers })).json()).toEqual({ budget: null });
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/budgets', headers: bob.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/v1/budgets', headers: alice.headers })).json()).toMatchObject({ budget: { hard_limit_cents: 2 } });
  });
});
