import type { Database } from '../db/client.js';
import { deleteExpiredIdempotencyKeys, IDEMPOTENCY_KEY_TTL_MS } from '../http/idempotency.js';
import type { JobContext, JobReport } from './types.js';

/**
 * Deletes `Idempotency-Key` records past their 24 hours (a retry after that runs as a new
 * request anyway), in batches of 1,000. Hourly by default (`JOB_IDEMPOTENCY_CLEANUP_CRON`).
 */
export async function cleanUpIdempotencyKeys(db: Database, context: JobContext): Promise<JobReport> {
  const count = await deleteExpiredIdempotencyKeys(db, context.now, context.dryRun);
  const cutoff = new Date(context.now.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  return {
    job: 'idempotency-cleanup',
    dryRun: context.dryRun,
    changed: context.dryRun ? 0 : count,
    wouldChange: context.dryRun ? count : 0,
    lines: [`${context.dryRun ? 'would delete' : 'deleted'} ${count} idempotency keys used before ${cutoff}`],
  };
}
