import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCastLogs } from '../src/casts/cast-logs.js';
import { billingAuditLogs, castLogs, casts } from '../src/db/schema.js';
import { runJob } from '../src/jobs/run-job.js';
import { runScheduledOccurrence } from '../src/jobs/scheduler.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const DAY = 86_400_000;
const clock = createManualClock(new Date('2026-05-10T04:30:00Z'));
let t: TestApp;
let caster: SignedUp;
beforeAll(async () => {
  t = await buildTestApp({ clock, env: { SPELL_WORKERS: '1', SPELL_LOG_RETENTION_DAYS: '7' } });
  caster = await signUp(t.app);
  await publish(t.app, caster, 'echo', exampleSpell('echo'));
});
afterAll(() => t.close());

/** A real cast whose logs were kept `daysAgo` days before the clock's now. */
async function castWithLogs(daysAgo: number): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: 'echo', input: daysAgo } });
  const castId = response.json<{ cast_id: string }>().cast_id;
  await recordCastLogs(
    t.services.db,
    { castId, tenantId: caster.user.tenant_id, now: new Date(clock.now().getTime() - daysAgo * DAY) },
    { lines: [{ stream: 'stdout', level: 'info', message: `${daysAgo} days ago` }], truncated: false },
  );
  return castId;
}

const kept = async (ids: string[]) =>
  (await t.services.db.select({ castId: castLogs.castId }).from(castLogs).where(inArray(castLogs.castId, ids))).map((row) => row.castId).sort();
const purges = () => t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.action, 'cast_logs_purged'));

describe('jobs.cast-log-cleanup', () => {
  it('deletes only logs older than the cutoff, keeps the casts, and a dry run only counts them', async () => {
    const old = [await castWithLogs(30), await castWithLogs(8)];
    const recent = [await castWithLogs(6), await castWithLogs(0)];
    const all = [...old, ...recent];

    const dry = await runJob(t.services, 'cast-log-cleanup', { now: clock.now(), dryRun: true, olderThanMs: 7 * DAY });
    expect(dry).toMatchObject({ job: 'cast-log-cleanup', dryRun: true, changed: 0, wouldChange: 2 });
    expect(dry.lines[0]).toMatch(/^would delete the logs of 2 casts kept before 2026-05-03T04:30:00.000Z \(oldest kept 2026-04-10T04:30:00.000Z\)$/);
    expect(await kept(all)).toEqual([...all].sort());
    expect(await purges()).toEqual([]);

    const real = await runJob(t.services, 'cast-log-cleanup', { now: clock.now(), dryRun: false, olderThanMs: 7 * DAY });
    // The casts' results were kept as they were cast (now), so only logs are old enough to go.
    expect(real).toMatchObject({
      changed: 2,
      lines: ['deleted the logs of 2 casts kept before 2026-05-03T04:30:00.000Z', 'deleted the input and output of 0 casts kept before 2026-05-03T04:30:00.000Z'],
    });
    expect(await kept(all)).toEqual([...recent].sort());
    const stillThere = await t.services.db.select({ id: casts.id }).from(casts).where(inArray(casts.id, all));
    expect(stillThere).toHaveLength(4);
    const [purge, ...more] = await purges();
    expect(more).toEqual([]);
    expect(purge).toMatchObject({
      actorType: 'system',
      actorId: 'cast-log-cleanup',
      targetType: 'cast_logs',
      after: { deleted: 2, kept_before: '2026-05-03T04:30:00.000Z' },
    });

    const again = await runJob(t.services, 'cast-log-cleanup', { now: clock.now(), dryRun: false, olderThanMs: 7 * DAY });
    expect(again.changed).toBe(0);
    expect(await purges()).toHaveLength(1);
  });

  it('runs on its schedule with SPELL_LOG_RETENTION_DAYS, once per occurrence across instances', async () => {
    const old = await castWithLogs(9);
    const recent = await castWithLogs(5);
    const occurrence = new Date('2026-05-10T04:30:00Z');
    const first = await runScheduledOccurrence(t.services, 'cast-log-cleanup', occurrence, 'instance-a');
    const second = await runScheduledOccurrence(t.services, 'cast-log-cleanup', occurrence, 'instance-b');
    expect(first).toMatchObject({ ran: true, report: { job: 'cast-log-cleanup', changed: 1 } });
    expect(second).toEqual({ ran: false, reason: 'taken' });
    expect(await kept([old, recent])).toEqual([recent]);
  });

  it('goes away with its cast', async () => {
    const castId = await castWithLogs(1);
    await t.services.db.delete(casts).where(eq(casts.id, castId));
    expect(await kept([castId])).toEqual([]);
  });
});
