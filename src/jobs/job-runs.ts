import { hostname } from 'node:os';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { jobRuns } from '../db/schema.js';
import type { JobName, JobReport } from './types.js';

/**
 * Records a run an operator started (`spell batch <job>`) in `job_runs`, as the scheduler records
 * its own, so "when did it last run, and what did it find" has one answer. Its occurrence is the
 * start time, never a whole second: the scheduler's occurrences are whole seconds, so a manual run
 * never takes the key of a scheduled one (which would then be skipped).
 */
export async function recordManualRun(db: DbOrTx, job: JobName, report: JobReport, run: { startedAt: Date; finishedAt: Date }): Promise<void> {
  const ms = run.startedAt.getTime();
  const occurrence = new Date(ms % 1000 === 0 ? ms + 1 : ms);
  await db
    .insert(jobRuns)
    .values({ job, occurrence, instance: `cli:${hostname()}:${process.pid}`, startedAt: run.startedAt, finishedAt: run.finishedAt, result: report })
    .onConflictDoNothing();
}

/**
 * How many mismatches the newest finished reconciliation found, wherever it ran (undefined before
 * the first). The `spell_ledger_imbalance` gauge reads this when scraped, so every instance shows
 * the fleet's last answer, not only the one that ran the job.
 */
export async function lastReconcileMismatches(db: DbOrTx): Promise<number | undefined> {
  const [row] = await db
    .select({ mismatches: sql<unknown>`${jobRuns.result} -> 'mismatches'` })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, 'reconcile'), isNotNull(jobRuns.finishedAt), isNotNull(jobRuns.result)))
    .orderBy(desc(jobRuns.finishedAt))
    .limit(1);
  const mismatches = Number(row?.mismatches);
  return row && Number.isInteger(mismatches) ? mismatches : undefined;
}
