import { writeAudit } from '../audit/audit-log.js';
import { countCastLogsBefore, deleteCastLogsBefore } from '../casts/cast-logs.js';
import type { Database } from '../db/client.js';
import type { JobContext, JobReport } from './types.js';

const BATCH = 1_000;

/**
 * Deletes the log lines of casts settled more than `olderThanMs` ago (`SPELL_LOG_RETENTION_DAYS`),
 * in batches of 1,000 so no lock is held for long; the casts themselves stay. Each batch is its
 * own transaction with its audit row: stopping midway loses nothing a second run would not finish.
 */
export async function cleanUpCastLogs(db: Database, context: JobContext & { olderThanMs: number }): Promise<JobReport> {
  const cutoff = new Date(context.now.getTime() - context.olderThanMs);
  if (context.dryRun) {
    const { rows, oldest } = await countCastLogsBefore(db, cutoff);
    const since = oldest ? ` (oldest kept ${oldest.toISOString()})` : '';
    return {
      job: 'cast-log-cleanup',
      dryRun: true,
      changed: 0,
      wouldChange: rows,
      lines: [`would delete the logs of ${rows} casts kept before ${cutoff.toISOString()}${since}`],
    };
  }
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const count = await deleteCastLogsBefore(tx, cutoff, BATCH);
      if (count > 0) {
        await writeAudit(tx, {
          action: 'cast_logs_purged',
          actor: { type: 'system', id: 'cast-log-cleanup' },
          tenantId: null,
          target: { type: 'cast_logs', id: null },
          after: { deleted: count, kept_before: cutoff.toISOString() },
          at: context.now,
        });
      }
      return count;
    });
    deleted += removed;
    if (removed < BATCH) break;
  }
  return {
    job: 'cast-log-cleanup',
    dryRun: false,
    changed: deleted,
    wouldChange: 0,
    lines: [`deleted the logs of ${deleted} casts kept before ${cutoff.toISOString()}`],
  };
}
