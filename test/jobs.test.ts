import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAuditLogs, jobRuns, stripeWebhookLogs, tenants } from '../src/db/schema.js';
import { runJob } from '../src/jobs/run-job.js';
import { runScheduledOccurrence, scheduledOccurrences, startJobScheduler } from '../src/jobs/scheduler.js';
import { createManualClock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

const DAY = 86_400_000;
const clock = createManualClock(new Date('2026-05-10T03:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

const options = (dryRun: boolean) => ({ now: clock.now(), dryRun, olderThanMs: 30 * DAY });

async function tenantIn(status: 'active' | 'grace', graceUntil: Date | null): Promise<string> {
  const user = await signUp(t.app);
  await t.services.db.update(tenants).set({ status, graceUntil }).where(eq(tenants.id, user.user.tenant_id));
  return user.user.tenant_id;
}

const statusOf = async (ids: string[]) =>
  Object.fromEntries(
    (await t.services.db.select().from(tenants).where(inArray(tenants.id, ids))).map((row) => [row.id, row.status]),
  );
const suspensions = (ids: string[]) =>
  t.services.db.select().from(billingAuditLogs).where(inArray(billingAuditLogs.tenantId, ids));

describe('jobs.grace-expiry', () => {
  it('suspends only tenants whose grace has passed, once, and a dry run changes nothing', async () => {
    const expired = await tenantIn('grace', new Date(clock.now().getTime() - 1_000));
    const expiredLongAgo = await tenantIn('grace', new Date(clock.now().getTime() - 10 * DAY));
    const stillInGrace = await tenantIn('grace', new Date(clock.now().getTime() + DAY));
    const active = await tenantIn('active', null);
    const all = [expired, expiredLongAgo, stillInGrace, active];

    const dry = await runJob(t.services, 'grace-expiry', options(true));
    expect(dry).toMatchObject({ dryRun: true, changed: 0 });
    const dryLines = dry.lines.join('\n');
    expect(dryLines).toContain(`would suspend tenant ${expired}`);
    expect(dryLines).toContain(`would suspend tenant ${expiredLongAgo}`);
    expect(dryLines).not.toContain(stillInGrace);
    expect(await statusOf(all)).toEqual({ [expired]: 'grace', [expiredLongAgo]: 'grace', [stillInGrace]: 'grace', [active]: 'active' });
    expect(await suspensions(all)).toEqual([]);

    const real = await runJob(t.services, 'grace-expiry', options(false));
    expect(real.changed).toBeGreaterThanOrEqual(2);
    expect(await statusOf(all)).toEqual({ [expired]: 'suspended', [expiredLongAgo]: 'suspended', [stillInGrace]: 'grace', [active]: 'active' });
    const rows = await suspensions(all);
    expect(rows.map((row) => [row.tenantId, row.action]).sort()).toEqual(
      [
        [expired, 'tenant_suspended'],
        [expiredLongAgo, 'tenant_suspended'],
      ].sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ actorType: 'system', actorId: 'grace-expiry', before: { status: 'grace' }, after: { status: 'suspended' } });
    }

    const again = await runJob(t.services, 'grace-expiry', options(false));
    expect(again).toMatchObject({ changed: 0, lines: [] });
    expect(await suspensions(all)).toHaveLength(2);
  });
});

describe('jobs.webhook-cleanup', () => {
  it('deletes only log rows older than the cutoff, and a dry run only counts them', async () => {
    const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * DAY);
    const rows = [
      { eventId: 'evt_cleanup_old_1', receivedAt: at(45) },
      { eventId: 'evt_cleanup_old_2', receivedAt: at(31) },
      { eventId: 'evt_cleanup_new', receivedAt: at(29) },
    ];
    await t.services.db.insert(stripeWebhookLogs).values(
      rows.map((row) => ({ ...row, type: 'invoice.paid', eventCreatedAt: row.receivedAt, result: 'processed' as const })),
    );
    const remaining = async () =>
      (await t.services.db.select({ id: stripeWebhookLogs.eventId }).from(stripeWebhookLogs)).map((row) => row.id).sort();

    const dry = await runJob(t.services, 'webhook-cleanup', options(true));
    expect(dry.lines[0]).toMatch(/^would delete 2 webhook log rows/);
    expect(await remaining()).toEqual(['evt_cleanup_new', 'evt_cleanup_old_1', 'evt_cleanup_old_2']);

    const real = await runJob(t.services, 'webhook-cleanup', options(false));
    expect(real.changed).toBe(2);
    expect(await remaining()).toEqual(['evt_cleanup_new']);
    const audit = await t.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.action, 'webhook_logs_purged'));
    expect(audit).toMatchObject([{ actorType: 'system', after: { deleted: 2 } }]);
    expect((await runJob(t.services, 'webhook-cleanup', options(false))).changed).toBe(0);
  });
});

describe('jobs.scheduler', () => {
  it('runs each occurrence on exactly one of two instances', async () => {
    const second = await buildTestApp({ clock, database: t.database });
    try {
      const occurrence = new Date('2026-05-10T03:15:00Z');
      const outcomes = await Promise.all([
        runScheduledOccurrence(t.services, 'grace-expiry', occurrence, 'instance-a'),
        runScheduledOccurrence(second.services, 'grace-expiry', occurrence, 'instance-b'),
        runScheduledOccurrence(t.services, 'grace-expiry', occurrence, 'instance-a'),
        runScheduledOccurrence(second.services, 'grace-expiry', occurrence, 'instance-b'),
      ]);
      expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
      expect(outcomes.filter((outcome) => !outcome.ran && outcome.reason === 'taken')).toHaveLength(3);
      const runs = await t.services.db.select().from(jobRuns).where(eq(jobRuns.occurrence, occurrence));
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ job: 'grace-expiry', error: null, result: { job: 'grace-expiry', dryRun: false } });
      expect(runs[0]?.finishedAt).not.toBeNull();

      const next = await runScheduledOccurrence(second.services, 'grace-expiry', new Date('2026-05-11T03:15:00Z'), 'instance-b');
      expect(next.ran).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('names the occurrence a timer was scheduled for, also when it fires late', () => {
    const at = (time: string) => new Date(`2026-05-10T${time}Z`);
    const everyMinute = scheduledOccurrences('0 * * * * *', at('03:00:30'));
    expect(everyMinute.take(at('03:01:00.004'))).toEqual(at('03:01:00'));
    expect(everyMinute.take(at('03:02:01.800'))).toEqual(at('03:02:00'));
    expect(everyMinute.take(at('03:02:59.990'))).toEqual(at('03:03:00'));
    expect(everyMinute.take(at('03:04:00.001'))).toEqual(at('03:04:00'));
    // A second instance started at another time, firing on time, agrees on the key.
    const other = scheduledOccurrences('0 * * * * *', at('03:01:30'));
    expect(other.take(at('03:02:00.000'))).toEqual(at('03:02:00'));
  });

  it('fires on its cron expression in the running server', async () => {
    const scheduled = await buildTestApp({ database: t.database, env: { JOB_WEBHOOK_CLEANUP_CRON: '* * * * * *', JOB_GRACE_EXPIRY_CRON: 'off' } });
    const scheduler = startJobScheduler(scheduled.services);
    try {
      const ran = async () => t.services.db.select().from(jobRuns).where(eq(jobRuns.job, 'webhook-cleanup'));
      for (let attempt = 0; attempt < 100 && (await ran()).length === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const runs = await ran();
      expect(runs.length).toBeGreaterThan(0);
      expect(runs[0]?.occurrence.getUTCMilliseconds()).toBe(0);
    } finally {
      scheduler.stop();
      await scheduled.close();
    }
  });
});
