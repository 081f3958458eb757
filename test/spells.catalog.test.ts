import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

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

interface Entry {
  full_name: string;
  owner: string;
  tags: string[];
  casts: number;
  success_rate: number | null;
}

describe('spells.catalog: search', () => {
  let ada: SignedUp;
  let bob: SignedUp;
  const search = async (as: SignedUp, query: string) => {
    const response = await t.app.inject({ url: `/v1/spells?${query}`, headers: as.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ spells: Entry[] }>().spells;
  };
  const names = (entries: Entry[]) => entries.map((entry) => entry.full_name);

  beforeAll(async () => {
    ada = await signUp(t.app);
    bob = await signUp(t.app);
    const create = (who: SignedUp, payload: object) => t.app.inject({ method: 'POST', url: '/v1/spells', headers: who.headers, payload });
    await create(ada, { name: 'reshape', description: 'Pick, omit and RENAME json keys', visibility: 'public', tags: ['json', 'data', 'json'] });
    await publish(t.app, ada, 'reshape', exampleSpell('json-transform'));
    await create(ada, { name: 'hidden-gem', description: 'rename things quietly', tags: ['json'] });
    await publish(t.app, ada, 'hidden-gem', exampleSpell('echo'));
    await create(bob, { name: 'counter', description: 'counts 100% of calls', visibility: 'public', tags: ['data'] });
    await publish(t.app, bob, 'counter', exampleSpell('counter'));
    await create(bob, { name: 'trapper', description: 'always fails', visibility: 'public' });
    await publish(t.app, bob, 'trapper', exampleSpell('trap'));
    await create(bob, { name: 'gone', description: 'rename json, deleted', visibility: 'public', tags: ['json'] });
    await t.app.inject({ method: 'DELETE', url: '/v1/spells/gone', headers: bob.headers });
    const cast = (spell: string) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: ada.headers, payload: { spell, input: {} } });
    for (let i = 0; i < 3; i++) await cast(`${bob.handle}/counter`);
    await cast(`${bob.handle}/trapper`);
  });

  it('finds by owner handle, by words of the description (any case), and by tag', async () => {
    expect(names(await search(bob, `q=${ada.handle}`))).toEqual([`${ada.handle}/reshape`]);
    expect(names(await search(bob, `owner=${bob.handle}`))).toEqual([`${bob.handle}/counter`, `${bob.handle}/trapper`]);
    expect(names(await search(bob, 'q=rename+JSON'))).toEqual([`${ada.handle}/reshape`]);
    // Every word must match somewhere; LIKE's own characters are only text.
    expect(names(await search(bob, 'q=rename+nothing-like-this'))).toEqual([]);
    expect(names(await search(bob, `q=100%25&owner=${bob.handle}`))).toEqual([`${bob.handle}/counter`]);
    expect(names(await search(bob, `q=_&owner=${bob.handle}`))).toEqual([]);
    expect(names(await search(bob, `tag=json&owner=${ada.handle}`))).toEqual([`${ada.handle}/reshape`]);
    expect((await search(bob, `owner=${ada.handle}`))[0]?.tags).toEqual(['json', 'data']);
  });

  it('shows private spells to their owner only, and deleted ones to nobody', async () => {
    expect(names(await search(ada, 'q=rename&sort=name'))).toEqual([`${ada.handle}/hidden-gem`, `${ada.handle}/reshape`]);
    expect(names(await search(bob, 'q=rename'))).not.toContain(`${ada.handle}/hidden-gem`);
    expect(names(await search(bob, 'q=deleted'))).toEqual([]);
    expect(names(await search(bob, 'mine=true'))).toEqual([`${bob.handle}/counter`, `${bob.handle}/trapper`]);
  });

  it('counts casts by everyone and their success rate, and sorts by popularity', async () => {
    const bobs = await search(ada, `owner=${bob.handle}&sort=popular`);
    expect(bobs.map((entry) => [entry.full_name, entry.casts, entry.success_rate])).toEqual([
      [`${bob.handle}/counter`, 3, 1],
      [`${bob.handle}/trapper`, 1, 0],
    ]);
    expect((await search(ada, `owner=${ada.handle}`)).map((entry) => entry.success_rate)).toEqual([null, null]);
  });

  it('refuses malformed filters with 400', async () => {
    for (const query of ['owner=Not_A_Handle', 'tag=BAD%20TAG', 'sort=random', `q=${'x'.repeat(201)}`]) {
      const response = await t.app.inject({ url: `/v1/spells?${query}`, headers: ada.headers });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
    }
  });

  it('keeps a README and tags, and refuses too many or malformed tags', async () => {
    const readme = '# Reshape\n\n- pick\n- omit\n\n<script>alert(1)</script>';
    const patched = await t.app.inject({ method: 'PATCH', url: '/v1/spells/reshape', headers: ada.headers, payload: { readme, tags: ['json'] } });
    expect(patched.json()).toMatchObject({ tags: ['json'] });
    const read = await t.app.inject({ url: `/v1/spells/${ada.handle}/reshape`, headers: bob.headers });
    expect(read.json()).toMatchObject({ readme, tags: ['json'], owned: false, full_name: `${ada.handle}/reshape` });
    for (const tags of [Array.from({ length: 11 }, (_, i) => `t${i}`), ['Upper'], ['with space'], ['-dash']]) {
      const response = await t.app.inject({ method: 'PATCH', url: '/v1/spells/reshape', headers: ada.headers, payload: { tags } });
      expect(response.statusCode).toBe(400);
    }
    const tooLong = await t.app.inject({ method: 'PATCH', url: '/v1/spells/reshape', headers: ada.headers, payload: { readme: 'x'.repeat(64 * 1024 + 1) } });
    expect(tooLong.statusCode).toBe(400);
  });
});
