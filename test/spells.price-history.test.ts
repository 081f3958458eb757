import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castSplits, casts } from '../src/db/schema.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish, wat } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

interface PriceHistory {
  price_history: { price_cents: number | null; from: string }[];
}

const clock = createManualClock(new Date('2026-03-01T10:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

/** `wasi-sleep.wat` sleeping 1.5 s instead of 30 ms: a cast that is surely still running while its price changes. */
async function slowSpell(): Promise<Uint8Array> {
  const source = readFileSync(fileURLToPath(new URL('./fixtures/wat/wasi-sleep.wat', import.meta.url)), 'utf8');
  return wat(source.replaceAll('(i64.const 30000000)', '(i64.const 1500000000)'));
}

describe('spells.price-history', () => {
  it('records the price a spell is created with and every change of it, newest first, for its owner and everyone', async () => {
    const creator = await signUp(t.app);
    const viewer = await signUp(t.app);
    await publish(t.app, creator, 'priced-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 5 });
    const created = clock.now().toISOString();
    const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: '/v1/spells/priced-echo', headers: creator.headers, payload });

    clock.advance(60_000);
    expect((await patch({ price_cents: 7 })).statusCode).toBe(200);
    const raised = clock.now().toISOString();
    clock.advance(60_000);
    // Not a price change: no new line.
    expect((await patch({ description: 'echoes', price_cents: 7 })).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await patch({ price_cents: null })).statusCode).toBe(200);
    const dropped = clock.now().toISOString();

    const expected = [
      { price_cents: null, from: dropped },
      { price_cents: 7, from: raised },
      { price_cents: 5, from: created },
    ];
    const own = await t.app.inject({ url: '/v1/spells/priced-echo', headers: creator.headers });
    expect(own.json<PriceHistory>().price_history).toEqual(expected);
    const shown = await t.app.inject({ url: `/v1/spells/${creator.handle}/priced-echo`, headers: viewer.headers });
    expect(shown.statusCode).toBe(200);
    expect(shown.json<PriceHistory>().price_history).toEqual(expected);
  });

  it('answers a create with the spell’s first price', async () => {
    const creator = await signUp(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/v1/spells', headers: creator.headers, payload: { name: 'fresh', price_cents: 12 } });
    expect(created.statusCode).toBe(201);
    expect(created.json<PriceHistory>().price_history).toEqual([{ price_cents: 12, from: clock.now().toISOString() }]);
  });

  it('applies a new price to casts started after it: a running cast keeps the price it started with', async () => {
    const creator = await signUp(t.app);
    const caster = await signUp(t.app);
    await publish(t.app, creator, 'slow-priced', await slowSpell(), { visibility: 'public', price_cents: 10 });
    const cast = () =>
      t.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: `${creator.handle}/slow-priced`, input: {} } });

    const first = cast();
    // The cast is running (its row written, its price taken) before the price changes.
    let running: { id: string }[] = [];
    for (let tries = 0; tries < 200 && running.length === 0; tries += 1) {
      running = await t.services.db.select({ id: casts.id }).from(casts).where(eq(casts.status, 'running'));
      if (running.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(running).toHaveLength(1);
    const raised = await t.app.inject({ method: 'PATCH', url: '/v1/spells/slow-priced', headers: creator.headers, payload: { price_cents: 25 } });
    expect(raised.statusCode).toBe(200);

    const answered = await first;
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ output: 'slept', cost_cents: 10 });
    const second = await cast();
    expect(second.json()).toMatchObject({ cost_cents: 25 });

    const rows = await t.services.db.select({ id: casts.id, price: casts.priceCents, cost: casts.costCents }).from(casts).where(eq(casts.tenantId, caster.user.tenant_id));
    expect(rows.map((row) => [row.price, row.cost]).sort()).toEqual([
      [10, 10],
      [25, 25],
    ]);
    const splits = await t.services.db.select({ price: castSplits.priceCents }).from(castSplits).where(eq(castSplits.consumerTenantId, caster.user.tenant_id));
    expect(splits.map((split) => split.price).sort((a, b) => a - b)).toEqual([10, 25]);
  });
});
