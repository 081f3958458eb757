import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { webhookAttempts, webhookDeliveries, webhookEvents } from '../db/schema.js';
import { WEBHOOK_DELIVERY_STATUSES } from '../db/values.js';
import { attemptSchema, viewAttempt } from './views.js';

/** What a cast's detail shows of the deliveries to its own `webhook_url`: each with its attempts log. */
export const castDeliveryFields = {
  webhook_deliveries: z
    .array(
      z.object({
        event_id: z.string(),
        event_type: z.string(),
        url: z.string(),
        status: z.enum(WEBHOOK_DELIVERY_STATUSES).describe('`pending` while being retried, `delivered` after a 2xx, `failed` once its retry window ended'),
        attempts: z.array(attemptSchema).describe('Oldest first'),
      }),
    )
    .describe('The deliveries of the cast’s own event to its `webhook_url` (empty for a cast without one, or not finished yet)'),
};

export async function listCastDeliveries(db: DbOrTx, cast: { castId: string; tenantId: string }): Promise<z.infer<typeof castDeliveryFields.webhook_deliveries>> {
  const deliveries = await db
    .select({ delivery: webhookDeliveries, eventType: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.castId, cast.castId), eq(webhookEvents.tenantId, cast.tenantId)))
    .orderBy(asc(webhookDeliveries.createdAt));
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveries.map((row) => row.delivery.id)))
    .orderBy(asc(webhookAttempts.createdAt), asc(webhookAttempts.attempt));
  return deliveries.map(({ delivery, eventType }) => ({
    event_id: delivery.eventId,
    event_type: eventType,
    url: delivery.targetUrl ?? '',
    status: delivery.status,
    attempts: attempts.filter((attempt) => attempt.deliveryId === delivery.id).map(viewAttempt),
  }));
}
