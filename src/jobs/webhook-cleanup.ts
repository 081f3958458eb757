import { count, lt, min, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit-log.js';
import type { Database } from '../db/client.js';
import { stripeWebhookLogs } from '../db/schema.js';
import { purgeWebhookEvents } from '../webhooks/retention.js';
import type { JobContext, JobReport } from './types.js';

const BATCH = 1_000;

/**
 * Stripe retries an event for up to three days; a log row younger than that still guards
 * against processing a redelivery twice, so no cleanup goes below it.
 */
export const MIN_WEBHOOK_LOG_AGE_MS = 3 * 86_400_000;

/**
 * Deletes Stripe webhook log rows received more than `olderThanMs` ago (and outbound webhook
 * events as old, none of whose deliveries is still retried: `purgeWebhookEvents`), in batches of 1,000 so
 * no lock is held for long. Stripe retries an event for three days, so rows this old no longer
 * guard against a redelivery. Each batch is its own transaction with its audit row: stopping
 * midway loses nothing that a second run would not finish.
 */
export async function cleanUpWebhookLogs(
  db: Database,
  context: JobContext & { olderThanMs: number },
): Promise<JobReport> {
  if (context.olderThanMs < MIN_WEBHOOK_LOG_AGE_MS) {
    throw new RangeError('webhook log rows younger than 3 days are kept: Stripe may still redeliver their events');
  }
  const cutoff = new Date(context.now.getTime() - context.olderThanMs);
  const older = lt(stripeWebhookLogs.receivedAt, cutoff);
  if (context.dryRun) {
    const [stats] = await db.select({ rows: count(), oldest: min(stripeWebhookLogs.receivedAt) }).from(stripeWebhookLogs).where(older);
    const rows = stats?.rows ?? 0;
    const oldest = stats?.oldest ? ` (oldest received ${new Date(stats.oldest).toISOString()})` : '';
    const events = await purgeWebhookEvents(db, { cutoff, now: context.now, dryRun: true });
    return {
      job: 'webhook-cleanup',
      dryRun: true,
      changed: 0,
      wouldChange: rows + events,
      lines: [
        `would delete ${rows} webhook log rows received before ${cutoff.toISOString()}${oldest}`,
        `would delete ${events} outbound webhook events created before ${cutoff.toISOString()}, with their deliveries`,
      ],
    };
  }
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const rows = await tx
        .delete(stripeWebhookLogs)
        .where(
          sql`${stripeWebhookLogs.eventId} in (select ${stripeWebhookLogs.eventId} from ${stripeWebhookLogs} where ${older} limit ${BATCH} for update skip locked)`,
        )
        .returning({ eventId: stripeWebhookLogs.eventId });
      if (rows.length > 0) {
        await writeAudit(tx, {
          action: 'webhook_logs_purged',
          actor: { type: 'system', id: 'webhook-cleanup' },
          tenantId: null,
          target: { type: 'stripe_webhook_logs', id: null },
          after: { deleted: rows.length, received_before: cutoff.toISOString() },
          at: context.now,
        });
      }
      return rows.length;
    });
    deleted += removed;
    if (removed < BATCH) break;
  }
  const events = await purgeWebhookEvents(db, { cutoff, now: context.now, dryRun: false });
  return {
    job: 'webhook-cleanup',
    dryRun: false,
    changed: deleted + events,
    wouldChange: 0,
    lines: [
      `deleted ${deleted} webhook log rows received before ${cutoff.toISOString()}`,
      `deleted ${events} outbound webhook events created before ${cutoff.toISOString()}, with their deliveries`,
    ],
  };
}
