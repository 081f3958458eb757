import type { AuditAction } from '../audit/actions.js';
import { writeAudit } from '../audit/audit-log.js';
import { countCastLogsBefore, deleteCastLogsBefore } from '../casts/cast-logs.js';
import { countCastResultsBefore, deleteCastResultsBefore } from '../casts/cast-results.js';
import type { Database, DbOrTx } from '../db/client.js';
import type { JobContext, JobReport } from './types.js';

const BATCH = 1_000;

/** One kind of row the job deletes: how to count and delete it, and how its report and audit name it. */
interface KeptRows {
  what: string;
  action: AuditAction;
  targetType: string;
  count(db: DbOrTx, cutoff: Date): Promise<{ rows: number; oldest: Date | null }>;
  delete(tx: DbOrTx, cutoff: Date, limit: number): Promise<number>;
}

const LOGS: KeptRows = { what: 'the logs', action: 'cast_logs_purged', targetType: 'cast_logs', count: countCastLogsBefore, delete: deleteCastLogsBefore };
const RESULTS: KeptRows = {
  what: 'the input and output',
  action: 'cast_results_purged',
  targetType: 'cast_results',
  count: countCastResultsBefore,
  delete: deleteCastResultsBefore,
};

/**
 * Deletes what casts kept past its retention, the casts themselves staying: their log lines
 * settled more than `olderThanMs` ago (`SPELL_LOG_RETENTION_DAYS`) and their input, output and
 * error message more than `resultsOlderThanMs` ago (`CAST_OUTPUT_RETENTION_DAYS`; `olderThanMs`
 * when absent, as with `--older-than`). In batches of 1,000 so no lock is held for long; each batch
 * is its own transaction with its audit row: stopping midway loses nothing a second run would not finish.
 */
export async function cleanUpCastLogs(db: Database, context: JobContext & { olderThanMs: number; resultsOlderThanMs?: number | undefined }): Promise<JobReport> {
  const cutoffs: [KeptRows, Date][] = [
    [LOGS, new Date(context.now.getTime() - context.olderThanMs)],
    [RESULTS, new Date(context.now.getTime() - (context.resultsOlderThanMs ?? context.olderThanMs))],
  ];
  if (context.dryRun) {
    const counted = await Promise.all(cutoffs.map(async ([kind, cutoff]) => ({ kind, cutoff, ...(await kind.count(db, cutoff)) })));
    return {
      job: 'cast-log-cleanup',
      dryRun: true,
      changed: 0,
      wouldChange: counted.reduce((sum, { rows }) => sum + rows, 0),
      lines: counted.map(({ kind, cutoff, rows, oldest }) => {
        const since = oldest ? ` (oldest kept ${oldest.toISOString()})` : '';
        return `would delete ${kind.what} of ${rows} casts kept before ${cutoff.toISOString()}${since}`;
      }),
    };
  }
  const lines: string[] = [];
  let changed = 0;
  for (const [kind, cutoff] of cutoffs) {
    const deleted = await deleteInBatches(db, kind, cutoff, context.now);
    lines.push(`deleted ${kind.what} of ${deleted} casts kept before ${cutoff.toISOString()}`);
    changed += deleted;
  }
  return { job: 'cast-log-cleanup', dryRun: false, changed, wouldChange: 0, lines };
}

async function deleteInBatches(db: Database, kind: KeptRows, cutoff: Date, now: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const count = await kind.delete(tx, cutoff, BATCH);
      if (count > 0) {
        await writeAudit(tx, {
          action: kind.action,
          actor: { type: 'system', id: 'cast-log-cleanup' },
          tenantId: null,
          target: { type: kind.targetType, id: null },
          after: { deleted: count, kept_before: cutoff.toISOString() },
          at: now,
        });
      }
      return count;
    });
    deleted += removed;
    if (removed < BATCH) return deleted;
  }
}
