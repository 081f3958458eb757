import { hostname } from 'node:os';
import { Cron } from 'croner';
import { and, eq } from 'drizzle-orm';
import { jobRuns } from '../db/schema.js';
import type { Services } from '../services.js';
import { retention, runJob } from './run-job.js';
import type { JobName, JobReport } from './types.js';

export type OccurrenceOutcome =
  | { ran: true; report: JobReport }
  | { ran: false; reason: 'taken' | 'failed'; error?: string };

/** This process, as written in `job_runs.instance`. */
const INSTANCE = `${hostname()}:${process.pid}`;

/**
 * Runs one scheduled occurrence of a job unless another instance already has: the first to
 * insert `(job, occurrence)` into `job_runs` runs it, everyone else skips. That holds however
 * far apart the instances' clocks fire, which a lock held only while running would not.
 */
export async function runScheduledOccurrence(
  services: Pick<Services, 'db' | 'config' | 'clock' | 'logger' | 'stripe' | 'metrics'>,
  job: JobName,
  occurrence: Date,
  instance = INSTANCE,
): Promise<OccurrenceOutcome> {
  const { db, clock, config, logger } = services;
  const at = new Date(Math.floor(occurrence.getTime() / 1000) * 1000);
  const [claimed] = await db
    .insert(jobRuns)
    .values({ job, occurrence: at, instance, startedAt: clock.now() })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (!claimed) return { ran: false, reason: 'taken' };
  const finished = and(eq(jobRuns.job, job), eq(jobRuns.occurrence, at));
  try {
    const report = await runJob(services, job, {
      now: clock.now(),
      dryRun: false,
      ...retention(job, config.jobs),
    });
    await db.update(jobRuns).set({ finishedAt: clock.now(), result: report }).where(finished);
    logger.info({ job, occurrence: at.toISOString(), changed: report.changed }, 'scheduled job finished');
    return { ran: true, report };
  } catch (error) {
    const message = (error as Error).message;
    await db.update(jobRuns).set({ finishedAt: clock.now(), error: message }).where(finished).catch(() => undefined);
    logger.error({ job, occurrence: at.toISOString(), err: message }, 'scheduled job failed; the next run picks up where it stopped');
    return { ran: false, reason: 'failed', error: message };
  }
}

/**
 * The times a cron expression schedules, as every instance computes them. A timer that fires late
 * (a busy event loop, a GC pause) still names the occurrence it was meant for, so instances agree
 * on the `job_runs` key however late each one's timer goes off.
 */
export function scheduledOccurrences(pattern: string, start: Date): { take(firedAt: Date): Date } {
  const cron = new Cron(pattern, { timezone: 'UTC', paused: true });
  let expected = cron.nextRun(start);
  return {
    take(firedAt) {
      // A timer may also fire a hair early; anything later than a second past `expected` is not it.
      const occurrence = expected && expected.getTime() <= firedAt.getTime() + 1_000 ? expected : firedAt;
      expected = cron.nextRun(new Date(Math.max(firedAt.getTime(), occurrence.getTime())));
      return occurrence;
    },
  };
}

/** Schedules the batch jobs on their cron expressions (UTC); every instance may, one runs each occurrence. */
export function startJobScheduler(services: Services): { stop(): void } {
  const schedules: [JobName, string | undefined][] = [
    ['grace-expiry', services.config.jobs.graceExpiryCron],
    ['webhook-cleanup', services.config.jobs.webhookCleanupCron],
    ['cast-log-cleanup', services.config.jobs.castLogCleanupCron],
    ['idempotency-cleanup', services.config.jobs.idempotencyCleanupCron],
    ['payouts', services.config.jobs.payoutsCron],
    ['reconcile', services.config.jobs.reconcileCron],
  ];
  const crons = schedules.flatMap(([job, pattern]) => {
    if (pattern === undefined) return [];
    const occurrences = scheduledOccurrences(pattern, new Date());
    const cron = new Cron(pattern, { timezone: 'UTC', protect: true, name: job }, async () => {
      // Claiming the occurrence can fail too (the database is away); a rejection here would end the process.
      await runScheduledOccurrence(services, job, occurrences.take(new Date())).catch((error: unknown) => {
        services.logger.error({ job, err: error }, 'scheduled job could not start; the next occurrence tries again');
      });
    });
    return [cron];
  });
  return { stop: () => crons.forEach((cron) => cron.stop()) };
}
