import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('spells.catalog', () => {
  it('shows each spell’s latest version (null before the first upload)', async () => {
    const creator = await signUp(t.app);
    await publish(t.app, creator, 'catalog-echo', exampleSpell('echo'), { visibility: 'public' });
    await publish(t.app, creator, 'catalog-echo', exampleSpell('counter'));
    await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'catalog-empty' } });

    const response = await t.app.inject({ url: '/v1/spells?mine=true', headers: creator.headers });
    expect(response.statusCode).toBe(200);
    const byName = Object.fromEntries(response.json<{ spells: { name: string; latest_version: number | null }[] }>().spells.map((s) => [s.name, s.latest_version]));
    expect(byName).toEqual({ 'catalog-echo': 2, 'catalog-empty': null });
  });
});
