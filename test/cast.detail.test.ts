import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCastResult } from '../src/casts/cast-results.js';
import { expireStaleCasts, settleCast, startCast } from '../src/casts/lifecycle.js';
import { createSession } from '../src/auth/sessions.js';
import { billingAuditLogs, castResults, casts, users } from '../src/db/schema.js';
import { runJob } from '../src/jobs/run-job.js';
import { runScheduledOccurrence } from '../src/jobs/scheduler.js';
import { createManualClock } from '../src/lib/clock.js';
import { findOwnedSpell, findVersion } from '../src/spells/registry.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const DAY = 86_400_000;
/** Small enough that a long text is over it, large enough for text-stats' answer. */
const MAX_BYTES = 200;

interface CastDetail {
  id: string;
  spell: string;
  version: number;
  status: string;
  error_code: string | null;
  error_message: string | null;
  duration_ms: number | null;
  cost_cents: number | null;
  created_at: string;
  input: unknown;
  input_bytes: number | null;
  input_kept: boolean;
  output: unknown;
  output_bytes: number | null;
  output_kept: boolean;
  result_expires_at: string | null;
  logs: { stream: string; level: string; message: string }[];
  logs_truncated: boolean;
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

const clock = createManualClock(new Date('2026-07-01T09:00:00Z'));
let t: TestApp;
let creator: SignedUp;
let consumer: SignedUp;
let creatorHandle: string;
beforeAll(async () => {
  t = await buildTestApp({
    clock,
    env: { SPELL_WORKERS: '1', CAST_RESULT_MAX_BYTES: String(MAX_BYTES), CAST_OUTPUT_RETENTION_DAYS: '7', SPELL_LOG_RETENTION_DAYS: '30' },
  });
  creator = await signUp(t.app);
  consumer = await signUp(t.app);
  creatorHandle = creator.handle;
  await publish(t.app, creator, 'chatty', exampleSpell('chatty'), { visibility: 'public', price_cents: 3 });
  await publish(t.app, creator, 'echo', exampleSpell('echo'), { visibility: 'public' });
  await publish(t.app, creator, 'word-stats', exampleSpell('text-stats'), { visibility: 'public' });
});
afterAll(() => t.close());

const cast = (who: SignedUp, spell: string, input: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/cast', headers: who.headers, payload: { spell, input } });
const getCast = (who: SignedUp, id: string) => t.app.inject({ url: `/v1/casts/${id}`, headers: who.headers });
const detailOf = async (who: SignedUp, id: string) => {
  const response = await getCast(who, id);
  expect(response.statusCode).toBe(200);
  return response.json<CastDetail>();
};
const castId = (response: { json<T>(): T }) => response.json<{ cast_id: string }>().cast_id;

/** A second member of `owner`'s tenant, signed in with a session of their own. */
async function addMember(owner: SignedUp): Promise<SignedUp> {
  const [member] = await t.services.db
    .insert(users)
    .values({ tenantId: owner.user.tenant_id, role: 'member', email: `member-${Math.random().toString(16).slice(2)}@example.com` })
    .returning();
  if (!member) throw new Error('no member');
  const session = await createSession(t.services.db, { userId: member.id, now: clock.now(), ttlMs: 90 * DAY });
  return { ...owner, token: session.token, headers: { authorization: `Bearer ${session.token}` } };
}

describe('cast.detail', () => {
  it('shows a cast in full: spell, input as sent, output, logs, cost, duration and until when the result is kept', async () => {
    // Keys out of alphabetical order: the input comes back as it was sent.
    const input = { zeta: 'last key first', lines: 1 };
    const response = await cast(consumer, `${creatorHandle}/chatty`, input);
    expect(response.statusCode).toBe(200);
    const answer = response.json<{ cast_id: string; output: unknown; duration_ms: number; cost_cents: number }>();

    const detail = await detailOf(consumer, answer.cast_id);
    expect(detail).toMatchObject({
      id: answer.cast_id,
      spell: `${creatorHandle}/chatty`,
      version: 1,
      status: 'succeeded',
      error_code: null,
      error_message: null,
      cost_cents: 3,
      input,
      input_bytes: jsonBytes(input),
      input_kept: true,
      output: { logged: 3 },
      output_bytes: jsonBytes({ logged: 3 }),
      output_kept: true,
      result_expires_at: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      logs: [
        { stream: 'log', level: 'info', message: 'chatty starts' },
        { stream: 'log', level: 'warn', message: 'a warning, with ünïcode' },
        { stream: 'log', level: 'info', message: 'line 0' },
      ],
      logs_truncated: false,
    });
    expect(Object.keys(detail.input as object)).toEqual(['zeta', 'lines']);
    expect(detail.output).toEqual(answer.output);
    expect(detail.duration_ms).toBe(Math.round(answer.duration_ms));
    expect(detail.created_at).toBe(clock.now().toISOString());
  });

  it('keeps a side over CAST_RESULT_MAX_BYTES as its size only, and one under it whole', async () => {
    const text = 'many words in a long text. '.repeat(12);
    const response = await cast(consumer, `${creatorHandle}/word-stats`, { text });
    expect(response.statusCode).toBe(200);
    const output = response.json<{ output: unknown }>().output;
    expect(jsonBytes({ text })).toBeGreaterThan(MAX_BYTES);
    expect(jsonBytes(output)).toBeLessThanOrEqual(MAX_BYTES);

    expect(await detailOf(consumer, castId(response))).toMatchObject({
      input: null,
      input_bytes: jsonBytes({ text }),
      input_kept: false,
      output,
      output_bytes: jsonBytes(output),
      output_kept: true,
    });
    const [row] = await t.services.db.select().from(castResults).where(eq(castResults.castId, castId(response)));
    expect(row).toMatchObject({ input: null, inputBytes: jsonBytes({ text }) });

    // Both sides over: the echo answers with the same long text.
    const echoed = await cast(consumer, `${creatorHandle}/echo`, { text });
    expect(await detailOf(consumer, castId(echoed))).toMatchObject({
      input: null,
      input_kept: false,
      output: null,
      output_bytes: jsonBytes({ text }),
      output_kept: false,
    });
  });

  it('keeps what PostgreSQL could not hold as jsonb (a NUL in a string), and tells a spell’s null output from none', async () => {
    const input = { text: 'nul \u0000 inside, and a lone \ud800 surrogate' };
    const response = await cast(consumer, `${creatorHandle}/echo`, input);
    expect(response.statusCode).toBe(200);
    const detail = await detailOf(consumer, castId(response));
    expect(detail).toMatchObject({ input_kept: true, output_kept: true });
    expect(detail.input).toEqual(response.json<{ output: unknown }>().output);
    expect((detail.input as { text: string }).text).toContain('nul \u0000 inside');

    const nothing = await cast(consumer, `${creatorHandle}/echo`, null);
    expect(await detailOf(consumer, castId(nothing))).toMatchObject({ input: null, input_kept: true, output: null, output_kept: true, output_bytes: 4 });
  });

  it('keeps a failed cast’s message, as its 422 said it, with its input and no output', async () => {
    const response = await cast(consumer, `${creatorHandle}/chatty`, { fail: true });
    expect(response.statusCode).toBe(422);
    const failure = response.json<{ error: string; message: string; cast_id: string }>();

    expect(await detailOf(consumer, failure.cast_id)).toMatchObject({
      status: 'failed',
      error_code: failure.error,
      error_message: failure.message,
      cost_cents: 0,
      input: { fail: true },
      input_kept: true,
      output: null,
      output_bytes: null,
      output_kept: false,
    });
    expect(failure.message).toBe('chatty was told to fail');
  });

  it('shows a cast to its caster only: another tenant, another user of the same tenant and the spell’s owner get 404', async () => {
    const response = await cast(consumer, `${creatorHandle}/echo`, { secret: 'only mine' });
    const id = castId(response);
    const stranger = await signUp(t.app);
    const teammate = await addMember(consumer);
    for (const who of [stranger, teammate, creator]) {
      const shown = await getCast(who, id);
      expect(shown.statusCode).toBe(404);
      expect(shown.json()).toMatchObject({ error: 'not_found' });
      expect(shown.body).not.toContain('only mine');
    }
    expect((await detailOf(consumer, id)).input).toEqual({ secret: 'only mine' });
  });

  it('writes no result for a cast the reconciler already expired: the result settles with the cast or not at all', async () => {
    const spell = await findOwnedSpell(t.services.db, creator.user.tenant_id, 'echo');
    const version = spell && (await findVersion(t.services.db, spell.id, undefined));
    if (!spell || !version) throw new Error('no echo spell');
    const now = clock.now();
    const started = await startCast(t.services.db, {
      tenantId: consumer.user.tenant_id,
      userId: consumer.user.id,
      spellId: spell.id,
      spellVersionId: version.id,
      priceCents: 0,
      now,
      expiresAt: new Date(now.getTime() - 1),
      billing: false,
      creatorPriced: false,
    });
    if (!started.ok) throw new Error('cast refused');
    expect(await expireStaleCasts(t.services.db, now)).toBeGreaterThanOrEqual(1);
    const settled = await settleCast(t.services.db, {
      castId: started.castId,
      status: 'succeeded',
      errorCode: null,
      durationMs: 1,
      costCents: 0,
      now,
      record: captureCastResult({ late: true }, { ok: true, output: { late: true } }, MAX_BYTES),
      money: t.services.config.money,
    });
    expect(settled.settled).toBe(false);
    expect(await t.services.db.select().from(castResults).where(eq(castResults.castId, started.castId))).toEqual([]);
    expect(await detailOf(consumer, started.castId)).toMatchObject({ status: 'failed', error_code: 'interrupted', input_kept: false, result_expires_at: null });
  });
});

describe('cast.detail retention', () => {
  const resultRow = async (id: string) => (await t.services.db.select().from(castResults).where(eq(castResults.castId, id)))[0];

  it('hides a result past CAST_OUTPUT_RETENTION_DAYS, and cast-log-cleanup deletes it (a dry run only counts), keeping the cast and its logs', async () => {
    clock.set(new Date('2026-07-05T09:00:00Z'));
    const old = castId(await cast(consumer, `${creatorHandle}/chatty`, { lines: 0 }));
    clock.advance(6 * DAY);
    const recent = castId(await cast(consumer, `${creatorHandle}/chatty`, { lines: 0 }));
    clock.advance(2 * DAY);

    // Eight days on: past the seven the result is kept, even before the job has run.
    const expired = await detailOf(consumer, old);
    expect(expired).toMatchObject({
      status: 'succeeded',
      input: null,
      input_bytes: null,
      input_kept: false,
      output: null,
      output_bytes: null,
      output_kept: false,
      result_expires_at: null,
    });
    expect(expired.logs).toHaveLength(2);
    expect(await detailOf(consumer, recent)).toMatchObject({ input: { lines: 0 }, input_kept: true, output: { logged: 2 } });

    const dry = await runJob(t.services, 'cast-log-cleanup', { now: clock.now(), dryRun: true, olderThanMs: 30 * DAY, resultsOlderThanMs: 7 * DAY });
    expect(dry).toMatchObject({ dryRun: true, changed: 0 });
    const cutoff = new Date(clock.now().getTime() - 7 * DAY).toISOString();
    expect(dry.lines[1]).toMatch(new RegExp(`^would delete the input and output of \\d+ casts kept before ${cutoff} \\(oldest kept `));
    expect(await resultRow(old)).toBeDefined();

    const occurrence = new Date('2026-07-13T04:30:00Z');
    const first = await runScheduledOccurrence(t.services, 'cast-log-cleanup', occurrence, 'instance-a');
    const second = await runScheduledOccurrence(t.services, 'cast-log-cleanup', occurrence, 'instance-b');
    expect(first).toMatchObject({ ran: true, report: { job: 'cast-log-cleanup' } });
    expect(second).toEqual({ ran: false, reason: 'taken' });
    if (!first.ran) throw new Error('did not run');
    expect(first.report.lines[1]).toMatch(new RegExp(`^deleted the input and output of \\d+ casts kept before ${cutoff}$`));

    expect(await resultRow(old)).toBeUndefined();
    expect(await resultRow(recent)).toBeDefined();
    // The cast stays in the history, its logs for their own (longer) retention.
    expect((await detailOf(consumer, old)).logs).toHaveLength(2);
    expect(await t.services.db.select({ id: casts.id }).from(casts).where(eq(casts.id, old))).toHaveLength(1);
    const purges = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.action, 'cast_results_purged'));
    expect(purges).toHaveLength(1);
    expect(purges[0]).toMatchObject({ actorType: 'system', actorId: 'cast-log-cleanup', targetType: 'cast_results', after: { kept_before: cutoff } });
  });
});

describe('cast.detail with CAST_RESULT_MAX_BYTES=0', () => {
  let none: TestApp;
  beforeAll(async () => {
    none = await buildTestApp({ env: { SPELL_WORKERS: '1', CAST_RESULT_MAX_BYTES: '0' } });
  });
  afterAll(() => none.close());

  it('keeps no input or output, only their sizes', async () => {
    const caster = await signUp(none.app);
    await publish(none.app, caster, 'echo', exampleSpell('echo'));
    const response = await none.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: 'echo', input: { a: 1 } } });
    expect(response.statusCode).toBe(200);
    const detail = await none.app.inject({ url: `/v1/casts/${castId(response)}`, headers: caster.headers });
    expect(detail.json()).toMatchObject({ input: null, input_bytes: 7, input_kept: false, output: null, output_bytes: 7, output_kept: false });
  });
});
