import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

const DAY = 86_400_000;
const clock = createManualClock(new Date('2026-06-01T09:00:00Z'));

let t: TestApp;
let victim: SignedUp;
let attacker: SignedUp;
let consumer: SignedUp;

beforeAll(async () => {
  t = await buildTestApp({ clock, env: { SPELL_RETIREMENT_DAYS: '30' } });
  // API keys, not sessions: the clock moves past a session's life.
  [victim, attacker, consumer] = await Promise.all([keyed(), keyed(), keyed()]);
});

async function keyed(): Promise<SignedUp> {
  const user = await signUp(t.app);
  const { key } = await createKey(t.app, user);
  return { ...user, headers: { authorization: `Bearer ${key}` } };
}
afterAll(() => t.close());

function request(as: SignedUp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: as.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

function cast(as: SignedUp, spell: string, input: unknown = { text: 'two words' }) {
  return request(as, 'POST', '/v1/cast', { spell, input });
}

/** A body with `name` replaced by `NAME`, to compare two answers about different names. */
function anonymised(body: unknown, name: string): unknown {
  return JSON.parse(JSON.stringify(body).split(name).join('NAME'));
}

describe('spells.owners: a private spell is exactly as missing to another tenant', () => {
  beforeAll(async () => {
    await publish(t.app, victim, 'secret', exampleSpell('text-stats'));
  });

  it('answers every route as for a name nobody has', async () => {
    const probes: [string, (name: string) => ReturnType<typeof request>][] = [
      ['read by owner/name', (name) => request(attacker, 'GET', `/v1/spells/${victim.handle}/${name}`)],
      ['cast by owner/name', (name) => cast(attacker, `${victim.handle}/${name}`)],
      ['cast pinned', (name) => cast(attacker, `${victim.handle}/${name}@1`)],
      ['read by bare name', (name) => request(attacker, 'GET', `/v1/spells/${name}`)],
      ['stats', (name) => request(attacker, 'GET', `/v1/spells/${name}/stats`)],
      ['change', (name) => request(attacker, 'PATCH', `/v1/spells/${name}`, { price_cents: 1 })],
      ['delete', (name) => request(attacker, 'DELETE', `/v1/spells/${name}`)],
      ['upload', (name) => t.app.inject({ method: 'POST', url: `/v1/spells/${name}/versions`, headers: { ...attacker.headers, 'content-type': 'application/wasm' }, payload: Buffer.from(exampleSpell('echo')) })],
      ['catalog search', (name) => request(attacker, 'GET', `/v1/spells?q=${name}`)],
    ];
    for (const [what, probe] of probes) {
      const [existing, missing] = await Promise.all([probe('secret'), probe('no-such-spell')]);
      expect({ what, status: existing.statusCode }).toEqual({ what, status: missing.statusCode });
      expect(anonymised(existing.json(), 'secret')).toEqual(anonymised(missing.json(), 'no-such-spell'));
    }
  });

  it('lets another tenant create the same name under its own handle, which casts its own code', async () => {
    const created = await request(attacker, 'POST', '/v1/spells', { name: 'secret', visibility: 'public' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'secret', owner: attacker.handle, full_name: `${attacker.handle}/secret` });
    await publish(t.app, attacker, 'secret', exampleSpell('echo'));
    // The victim's bare name is still the victim's own spell; the attacker's is the attacker's.
    expect((await cast(victim, 'secret')).json()).toMatchObject({ output: { words: 2 } });
    expect((await cast(consumer, `${attacker.handle}/secret`)).json()).toMatchObject({ output: { text: 'two words' } });
    expect((await cast(consumer, 'secret')).statusCode).toBe(404);
  });
});

describe('spells.owners: a deleted spell is never taken over', () => {
  beforeAll(async () => {
    await publish(t.app, victim, 'reshape2', exampleSpell('text-stats'), { visibility: 'public', price_cents: 0 });
    await publish(t.app, victim, 'reshape2', exampleSpell('text-stats'));
    expect((await request(victim, 'DELETE', '/v1/spells/reshape2')).statusCode).toBe(204);
  });

  it('hides it from the catalog at once', async () => {
    const listed = (await request(consumer, 'GET', `/v1/spells?owner=${victim.handle}`)).json<{ spells: { name: string }[] }>();
    expect(listed.spells.map((spell) => spell.name)).not.toContain('reshape2');
    const mine = (await request(victim, 'GET', '/v1/spells?mine=true')).json<{ spells: { name: string }[] }>();
    expect(mine.spells.map((spell) => spell.name)).not.toContain('reshape2');
  });

  it('refuses its owner a new spell of that name, and the name and its versions stay the deleted spell’s', async () => {
    const again = await request(victim, 'POST', '/v1/spells', { name: 'reshape2', visibility: 'public', price_cents: 50 });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toMatch(/never reused/);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/v1/spells/reshape2/versions',
      headers: { ...victim.headers, 'content-type': 'application/wasm' },
      payload: Buffer.from(exampleSpell('echo')),
    });
    expect(upload.statusCode).toBe(410);
    expect((await request(victim, 'PATCH', '/v1/spells/reshape2', { price_cents: 50 })).json()).toMatchObject({ error: 'spell_retired' });
  });

  it('gives another tenant only its own reshape2; callers of the deleted one never run it', async () => {
    await publish(t.app, attacker, 'reshape2', exampleSpell('echo'), { visibility: 'public', price_cents: 50 });
    const pinned = await cast(consumer, `${victim.handle}/reshape2@1`);
    expect(pinned.json()).toMatchObject({ output: { words: 2 }, cost_cents: 0 });
    const unpinned = await cast(consumer, `${victim.handle}/reshape2`);
    expect(unpinned.statusCode).toBe(410);
    expect(unpinned.json()).toMatchObject({ error: 'spell_retired', spell: `${victim.handle}/reshape2` });
    expect((await cast(consumer, `${victim.handle}/reshape2@3`)).statusCode).toBe(404);
  });

  it('runs pinned casts through the retirement window, then answers 410', async () => {
    const owner = await request(victim, 'GET', '/v1/spells/reshape2');
    expect(owner.statusCode).toBe(200);
    const { deleted_at, pinned_until } = owner.json<{ deleted_at: string; pinned_until: string }>();
    expect(new Date(pinned_until).getTime() - new Date(deleted_at).getTime()).toBe(30 * DAY);
    expect((await request(consumer, 'GET', `/v1/spells/${victim.handle}/reshape2`)).json()).toMatchObject({ error: 'spell_retired', pinned_until });

    clock.advance(29 * DAY);
    expect((await cast(consumer, `${victim.handle}/reshape2@2`)).statusCode).toBe(200);
    expect((await cast(victim, 'reshape2@2')).statusCode).toBe(200);
    clock.advance(1 * DAY);
    const late = await cast(consumer, `${victim.handle}/reshape2@2`);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ error: 'spell_retired', pinned_until });
    expect((await cast(victim, 'reshape2@1')).statusCode).toBe(410);
    // The history keeps the casts, under the deleted spell's full name.
    const history = (await request(consumer, 'GET', '/v1/casts?limit=200')).json<{ casts: { spell: string; version: number }[] }>();
    expect(history.casts).toContainEqual(expect.objectContaining({ spell: `${victim.handle}/reshape2`, version: 2 }));
  });

  it('refuses names that would shadow a route', async () => {
    const response = await request(victim, 'POST', '/v1/spells', { name: 'stats' });
    expect(response.statusCode).toBe(400);
  });
});

describe('spells.owners: a public spell made private', () => {
  beforeAll(async () => {
    await publish(t.app, victim, 'hushed', exampleSpell('text-stats'), { visibility: 'public', price_cents: 0 });
    expect((await cast(consumer, `${victim.handle}/hushed@1`)).statusCode).toBe(200);
  });

  it('hides it from everyone else at once, pinned casts included, and a delete after that opens no window', async () => {
    expect((await request(victim, 'PATCH', '/v1/spells/hushed', { visibility: 'private' })).statusCode).toBe(200);
    for (const ref of [`${victim.handle}/hushed@1`, `${victim.handle}/hushed`]) {
      const refused = await cast(consumer, ref);
      expect({ ref, status: refused.statusCode }).toEqual({ ref, status: 404 });
    }
    expect((await request(consumer, 'GET', `/v1/spells/${victim.handle}/hushed`)).statusCode).toBe(404);
    expect((await cast(victim, 'hushed@1')).statusCode).toBe(200);

    // Private, then deleted: the retirement window is for public spells, so pinned casts stay refused.
    expect((await request(victim, 'DELETE', '/v1/spells/hushed')).statusCode).toBe(204);
    expect((await cast(consumer, `${victim.handle}/hushed@1`)).statusCode).toBe(404);
    expect((await cast(victim, 'hushed@1')).statusCode).toBe(200);
  });
});

describe('spells.owners: references', () => {
  it('refuses malformed references with a clear 400', async () => {
    for (const ref of ['a/b/c', 'Upper/name', '/name', 'owner/', 'owner/name@x', 'owner/name@0']) {
      const response = await cast(consumer, ref);
      expect({ ref, status: response.statusCode }).toEqual({ ref, status: 400 });
      expect(response.json()).toMatchObject({ error: 'validation_failed' });
    }
  });

  it('casts one’s own spell by bare name and by its full name alike', async () => {
    await publish(t.app, consumer, 'mine', exampleSpell('text-stats'));
    expect((await cast(consumer, 'mine')).json()).toMatchObject({ output: { words: 2 } });
    expect((await cast(consumer, `${consumer.handle}/mine@1`)).json()).toMatchObject({ output: { words: 2 } });
  });
});
