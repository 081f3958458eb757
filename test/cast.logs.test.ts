import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capCastLogs, recordCastLogs } from '../src/casts/cast-logs.js';
import { expireStaleCasts, settleCast, startCast } from '../src/casts/lifecycle.js';
import { castLogs } from '../src/db/schema.js';
import { findOwnedSpell, findVersion } from '../src/spells/registry.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { assembleWat, exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const LOG_MAX_BYTES = 200;

let t: TestApp;
let creator: SignedUp;
let consumer: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ env: { SPELL_WORKERS: '1', SPELL_LOG_MAX_BYTES: String(LOG_MAX_BYTES) } });
  creator = await signUp(t.app);
  consumer = await signUp(t.app);
  await publish(t.app, creator, 'chatty', exampleSpell('chatty'), { visibility: 'public' });
  await publish(t.app, creator, 'echo', exampleSpell('echo'), { visibility: 'public' });
  await publish(t.app, creator, 'wasi-hello', await assembleWat('wasi-reactor.wat'));
});
afterAll(() => t.close());

/** Casts one of the creator's spells. */
const cast = (who: SignedUp, spell: string, input: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: who.headers, payload: { spell: `${creator.handle}/${spell}`, input } });
const getCast = (who: SignedUp, id: string) => t.app.inject({ url: `/v1/casts/${id}`, headers: who.headers });
const storedRow = async (castId: string) => (await t.services.db.select().from(castLogs).where(eq(castLogs.castId, castId)))[0];

describe('cast.logs', () => {
  it('keeps what a spell logged with its cast and shows it in the answer and in GET /v1/casts/:id', async () => {
    const response = await cast(creator, 'chatty', {});
    expect(response.statusCode).toBe(200);
    const body = response.json<{ cast_id: string; output: unknown; logs: unknown[]; logs_truncated: boolean }>();
    const expected = [
      { stream: 'log', level: 'info', message: 'chatty starts' },
      { stream: 'log', level: 'warn', message: 'a warning, with ünïcode' },
    ];
    expect(body).toMatchObject({ output: { logged: 2 }, logs: expected, logs_truncated: false });

    const shown = await getCast(creator, body.cast_id);
    expect(shown.json()).toMatchObject({ id: body.cast_id, status: 'succeeded', logs: expected, logs_truncated: false });
  });

  it('keeps what a WASI spell wrote to stdout and stderr, line by line, with its Extism log lines', async () => {
    const response = await cast(creator, 'wasi-hello', {});
    expect(response.statusCode).toBe(200);
    const body = response.json<{ cast_id: string; logs: unknown[] }>();
    expect(body.logs).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', level: 'info', message: 'hello from stdout' },
        { stream: 'stdout', level: 'info', message: 'second line' },
        { stream: 'stderr', level: 'warn', message: 'careful: stderr' },
        { stream: 'log', level: 'info', message: 'a kernel log line' },
      ]),
    );
    expect((await getCast(creator, body.cast_id)).json()).toMatchObject({ logs: body.logs });
  });

  it('keeps the lines written before a cast failed, in the 422 and with the cast', async () => {
    const response = await cast(creator, 'chatty', { fail: true });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ cast_id: string; logs: { message: string }[] }>();
    expect(body).toMatchObject({ error: 'spell_failed', message: 'chatty was told to fail', logs_truncated: false });
    expect(body.logs.map((line) => line.message)).toEqual(['chatty starts', 'a warning, with ünïcode', 'giving up']);
    expect((await getCast(creator, body.cast_id)).json()).toMatchObject({ status: 'failed', logs: body.logs });
  });

  it('keeps no more than SPELL_LOG_MAX_BYTES of a chatty spell, and says it cut them', async () => {
    const response = await cast(creator, 'chatty', { lines: 500 });
    const body = response.json<{ cast_id: string; logs: { message: string }[]; logs_truncated: boolean }>();
    expect(body.logs_truncated).toBe(true);
    const kept = body.logs.reduce((bytes, line) => bytes + Buffer.byteLength(line.message), 0);
    expect(kept).toBeLessThanOrEqual(LOG_MAX_BYTES);
    expect(body.logs.length).toBeGreaterThan(2);
    expect((await storedRow(body.cast_id))?.truncated).toBe(true);
  });

  it('writes no row for a cast that logged nothing, and shows it with no lines', async () => {
    const response = await cast(consumer, 'echo', 'quiet');
    const { cast_id: castId, logs } = response.json<{ cast_id: string; logs: unknown[] }>();
    expect(logs).toEqual([]);
    expect(await storedRow(castId)).toBeUndefined();
    expect((await getCast(consumer, castId)).json()).toMatchObject({ logs: [], logs_truncated: false });
  });

  it("shows a cast's logs to its caster only: the spell's owner gets 404 for another tenant's cast, as does anyone else", async () => {
    // The consumer casts the creator's public spell; its lines are filed as settling files them.
    const response = await cast(consumer, 'echo', 'x');
    expect(response.statusCode).toBe(200);
    const castId = response.json<{ cast_id: string }>().cast_id;
    const lines = [{ stream: 'log' as const, level: 'info' as const, message: 'chatty starts' }];
    await recordCastLogs(t.services.db, { castId, tenantId: consumer.user.tenant_id, now: new Date() }, { lines, truncated: false });

    const own = await getCast(consumer, castId);
    expect(own.json()).toMatchObject({ logs: lines, logs_truncated: false });

    const owner = await getCast(creator, castId);
    expect(owner.statusCode).toBe(404);
    expect(owner.body).not.toContain('chatty starts');
    const stranger = await getCast(await signUp(t.app), castId);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ error: 'not_found' });
  });

  it("never shows one tenant's stored lines with another tenant's cast", async () => {
    // A row filed under the wrong tenant (it cannot happen through settleCast) is still not shown.
    const response = await cast(consumer, 'echo', 'x');
    const castId = response.json<{ cast_id: string }>().cast_id;
    await recordCastLogs(
      t.services.db,
      { castId, tenantId: creator.user.tenant_id, now: new Date() },
      { lines: [{ stream: 'stdout', level: 'info', message: 'secret' }], truncated: false },
    );
    expect((await getCast(consumer, castId)).json()).toMatchObject({ logs: [], logs_truncated: false });
  });
});

describe('cast.logs and the server log', () => {
  it('never writes what a spell wrote into the server’s own log, even at trace level', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({ env: { SPELL_WORKERS: '1' }, logger: pino({ level: 'trace' }, { write: (text: string) => lines.push(text) }) });
    try {
      const someone = await signUp(logged.app);
      await publish(logged.app, someone, 'chatty', exampleSpell('chatty'));
      await publish(logged.app, someone, 'wasi-hello', await assembleWat('wasi-reactor.wat'));
      const spoken = await logged.app.inject({ method: 'POST', url: '/v1/cast', headers: someone.headers, payload: { spell: 'chatty', input: { fail: true } } });
      expect(spoken.json<{ logs: unknown[] }>().logs).toHaveLength(3);
      const printed = await logged.app.inject({ method: 'POST', url: '/v1/cast', headers: someone.headers, payload: { spell: 'wasi-hello' } });
      expect(printed.json<{ logs: unknown[] }>().logs.length).toBeGreaterThan(0);
    } finally {
      await logged.close();
    }
    // The requests were logged; none of the spells' words were.
    expect(lines.some((line) => line.includes('/v1/cast'))).toBe(true);
    for (const words of ['chatty starts', 'giving up', 'hello from stdout', 'careful: stderr', 'a kernel log line']) {
      expect(lines.filter((line) => line.includes(words))).toEqual([]);
    }
  });
});

describe('cast.logs settling', () => {
  const lines = [{ stream: 'stderr' as const, level: 'warn' as const, message: 'kept with the settlement' }];

  async function startEcho(now: Date): Promise<string> {
    const spell = await findOwnedSpell(t.services.db, creator.user.tenant_id, 'echo');
    const version = spell && (await findVersion(t.services.db, spell.id, undefined));
    if (!spell || !version) throw new Error('echo is not published');
    const started = await startCast(t.services.db, {
      tenantId: creator.user.tenant_id,
      userId: creator.user.id,
      spellId: spell.id,
      spellVersionId: version.id,
      priceCents: 0,
      now,
      expiresAt: new Date(now.getTime() + 1_000),
      billing: false,
      creatorPriced: false,
    });
    if (!started.ok) throw new Error('the cast was refused');
    return started.castId;
  }
  const settle = (castId: string, now: Date) =>
    settleCast(t.services.db, { castId, status: 'succeeded', errorCode: null, durationMs: 1, costCents: 0, now, logs: { lines, truncated: false }, money: t.services.config.money });

  it('writes the lines in the transaction that settles the cast, under the caster’s tenant', async () => {
    const now = new Date();
    const castId = await startEcho(now);
    expect(await settle(castId, now)).toMatchObject({ settled: true });
    expect(await storedRow(castId)).toMatchObject({ tenantId: creator.user.tenant_id, lines, truncated: false });
  });

  it('keeps nothing for a cast the reconciler already failed, as it charges nothing for it', async () => {
    const now = new Date();
    const castId = await startEcho(now);
    await expireStaleCasts(t.services.db, new Date(now.getTime() + 2_000));
    expect(await settle(castId, now)).toMatchObject({ settled: false });
    expect(await storedRow(castId)).toBeUndefined();
  });
});

describe('cast.logs capping', () => {
  const line = (message: string) => ({ stream: 'stdout' as const, level: 'info' as const, message });

  it('cuts the line that crosses the cap on a character boundary and drops the rest', () => {
    const capped = capCastLogs({ lines: [line('abcd'), line('éé€'), line('never')], truncated: false }, 8);
    expect(capped).toEqual({ lines: [line('abcd'), line('éé')], truncated: true });
  });

  it('keeps lines within the cap as they are, and the runtime’s own truncation', () => {
    expect(capCastLogs({ lines: [line('a'), line('b')], truncated: false }, 2)).toEqual({ lines: [line('a'), line('b')], truncated: false });
    expect(capCastLogs({ lines: [line('a')], truncated: true }, 100)).toEqual({ lines: [line('a')], truncated: true });
  });

  it('replaces what a jsonb column refuses (NUL, lone surrogates) so any spell output can be kept', async () => {
    const capped = capCastLogs({ lines: [line('a\u0000b\ud800c')], truncated: false }, 100);
    expect(capped.lines[0]?.message).toBe('a\ufffdb\ufffdc');
    const response = await cast(creator, 'echo', 'x');
    const castId = response.json<{ cast_id: string }>().cast_id;
    await recordCastLogs(t.services.db, { castId, tenantId: creator.user.tenant_id, now: new Date() }, capped);
    expect((await getCast(creator, castId)).json()).toMatchObject({ logs: capped.lines });
  });
});
