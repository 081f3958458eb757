import { and, count, lt, notExists, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit-log.js';
import type { Database } from '../db/client.js';
import { webhookDeliveries, webhookEvents } from '../db/schema.js';

const BATCH = 1_000;

/** Events created before `cutoff` none of whose deliveries is still pending (their deliveries and attempts go with them). */
const purgeable = (cutoff: Date) =>
  and(
    lt(webhookEvents.createdAt, cutoff),
    notExists(sql`(select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${webhookEvents.id} and ${webhookDeliveries.status} = 'pending')`),
  );

/**
 * Deletes outbound webhook events older than `cutoff` (with their deliveries and the attempts log,
 * by cascade) in batches of 1,000, each with its audit row; a delivery still being retried keeps
 * its event. Part of `webhook-cleanup`; a dry run only counts.
 */
export async function purgeWebhookEvents(db: Database, options: { cutoff: Date; now: Date; dryRun: boolean }): Promise<number> {
  if (options.dryRun) {
    const [stats] = await db.select({ rows: count() }).from(webhookEvents).where(purgeable(options.cutoff));
    return stats?.rows ?? 0;
  }
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const rows = await tx
        .delete(webhookEvents)
        .where(sql`${webhookEvents.id} in (select ${webhookEvents.id} from ${webhookEvents} where ${purgeable(options.cutoff)} limit ${BATCH} for update skip locked)`)
        .returning({ id: webhookEvents.id });
      if (rows.length > 0) {
        await writeAudit(tx, {
          action: 'webhook_logs_purged',
          actor: { type: 'system', id: 'webhook-cleanup' },
          tenantId: null,
          target: { type: 'webhook_events', id: null },
          after: { deleted: rows.length, created_before: options.cutoff.toISOString() },
          at: options.now,
        });
      }
      return rows.length;
    });
    deleted += removed;
    if (removed < BATCH) return deleted;
  }
}
