import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casts, tenants } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ env: { COST_PER_CAST_CENTS: '1' } });
  creator = await signUp(t.app);
  await publish(t.app, creator, 'word-stats', exampleSpell('text-stats'), { visibility: 'public', price_cents: 5 });
});
afterAll(() => t.close());

const cast = (session: { headers: Record<string, string> }, spell: string, input: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: session.headers, payload: { spell: `${creator.handle}/${spell}`, input } });

describe('cast.happy', () => {
  it('casts a published spell with an API key and records the cast', async () => {
    const consumer = await signUp(t.app);
    const { key } = await createKey(t.app, consumer);
    const response = await cast({ headers: { authorization: `Bearer ${key}` } }, 'word-stats', { text: 'Hello brave new world.\nBye.' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ cast_id: string; output: unknown; duration_ms: number; cost_cents: number }>();
    expect(body.output).toMatchObject({ characters: 27, words: 5, lines: 2 });
    expect(body.cost_cents).toBe(5);
    expect(body.duration_ms).toBeGreaterThan(0);

    const one = await t.app.inject({ url: `/v1/casts/${body.cast_id}`, headers: consumer.headers });
    expect(one.json()).toMatchObject({ id: body.cast_id, spell: `${creator.handle}/word-stats`, version: 1, status: 'succeeded', cost_cents: 5, error_code: null });
  });

  it('pins versions with name@version and takes the latest otherwise', async () => {
    await publish(t.app, creator, 'evolving', exampleSpell('echo'));
    await publish(t.app, creator, 'evolving', exampleSpell('text-stats'));
    const pinned = await cast(creator, 'evolving@1', { text: 'a b' });
    expect(pinned.json()).toMatchObject({ output: { text: 'a b' } });
    const latest = await cast(creator, 'evolving', { text: 'a b' });
    expect(latest.json()).toMatchObject({ output: { words: 2 } });
    expect((await cast(creator, 'evolving@3', {})).statusCode).toBe(404);
    expect((await cast(creator, 'evolving@x', {})).json()).toMatchObject({ error: 'validation_failed' });
  });

  it('charges COST_PER_CAST_CENTS when the spell has no price', async () => {
    await publish(t.app, creator, 'unpriced', exampleSpell('echo'));
    expect((await cast(creator, 'unpriced', 'hi')).json()).toMatchObject({ output: 'hi', cost_cents: 1 });
  });

  it('refuses input that does not match the spell’s schema before running or charging it', async () => {
    await publish(t.app, creator, 'typed', exampleSpell('echo'));
    await t.app.inject({
      method: 'PATCH',
      url: '/v1/spells/typed',
      headers: creator.headers,
      payload: { input_schema: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] } },
    });
    const before = await t.services.db.select().from(casts).where(eq(casts.userId, creator.user.id));
    const refused = await cast(creator, 'typed', { n: 0 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_input', issues: [{ path: '/n', message: expect.stringContaining('>= 1') }] });
    const missing = await cast(creator, 'typed', {});
    expect(missing.json()).toMatchObject({ error: 'invalid_input', issues: [{ path: '/', message: expect.stringContaining('n') }] });
    const after = await t.services.db.select().from(casts).where(eq(casts.userId, creator.user.id));
    expect(after).toHaveLength(before.length);
    expect((await cast(creator, 'typed', { n: 2 })).json()).toMatchObject({ output: { n: 2 } });
  });

  it("never casts or shows another tenant's private spell, and shows each caster only their casts", async () => {
    await publish(t.app, creator, 'private-echo', exampleSpell('echo'));
    const stranger = await signUp(t.app);
    expect((await cast(stranger, 'private-echo', 'x')).statusCode).toBe(404);

    const mine = await cast(creator, 'private-echo', 'mine');
    const { cast_id: castId } = mine.json<{ cast_id: string }>();
    expect((await t.app.inject({ url: `/v1/casts/${castId}`, headers: stranger.headers })).statusCode).toBe(404);
    const history = await t.app.inject({ url: '/v1/casts', headers: stranger.headers });
    expect(history.json<{ casts: { id: string }[] }>().casts.map((entry) => entry.id)).not.toContain(castId);
  });

  it('pages through the history newest first', async () => {
    const consumer = await signUp(t.app);
    for (let i = 0; i < 5; i += 1) await cast(consumer, 'word-stats', { text: `cast ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await t.app.inject({ url: `/v1/casts${query}`, headers: consumer.headers });
      const body = page.json<{ casts: { id: string; created_at: string }[]; next_cursor: string | null }>();
      seen.push(...body.casts.map((entry) => entry.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await t.app.inject({ url: '/v1/casts?cursor=garbage', headers: consumer.headers })).statusCode).toBe(400);
  });

  it('refuses casts from a suspended tenant with 403 account_suspended', async () => {
    const consumer = await signUp(t.app);
    await t.services.db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, consumer.user.tenant_id));
    const response = await cast(consumer, 'word-stats', { text: 'x' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'account_suspended' });
  });

  it('counts casts in the metrics', async () => {
    await cast(creator, 'word-stats', { text: 'metrics' });
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(Number(/^spell_cast_total\{status="succeeded"\} (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toContain('spell_cast_duration_seconds_bucket{le="0.0005",status="succeeded"}');
  });
});
