import { and, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { after, newestFirst, type Position } from '../db/paging.js';
import { notificationSettings, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js';
import type { WebhookEventType } from '../db/values.js';
import { emitEvent } from '../events/outbox.js';
import { newSigningSecret } from './signing.js';

/** Every write to a tenant's endpoints and its notification settings; each query is scoped to the tenant. */

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** How long the secret a rotation replaced keeps signing (as a second `v1=`). */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

const own = (tenantId: string, id: string) => and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));

export async function createEndpoint(
  db: DbOrTx,
  endpoint: { tenantId: string; url: string; events: WebhookEventType[]; description: string | null; now: Date },
): Promise<EndpointRow> {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ ...endpoint, events: [...new Set(endpoint.events)], secret: newSigningSecret(), createdAt: endpoint.now, updatedAt: endpoint.now })
    .returning();
  if (!row) throw new Error('endpoint insert returned nothing');
  return row;
}

export function listEndpoints(db: DbOrTx, tenantId: string): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)).orderBy(desc(webhookEndpoints.createdAt));
}

export async function findEndpoint(db: DbOrTx, tenantId: string, id: string): Promise<EndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(own(tenantId, id));
  return row;
}

/** Changes the URL, events or enabled flag; enabling again clears why it was disabled and its failure streak. */
export async function updateEndpoint(
  db: DbOrTx,
  change: { tenantId: string; id: string; url?: string | undefined; events?: WebhookEventType[] | undefined; enabled?: boolean | undefined; description?: string | null | undefined; now: Date },
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.events !== undefined ? { events: [...new Set(change.events)] } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(change.enabled === true ? { disabledReason: null, failingSince: null } : {}),
      ...(change.enabled === false ? { disabledReason: 'by_user' } : {}),
      updatedAt: change.now,
    })
    .where(own(change.tenantId, change.id))
    .returning();
  return row;
}

export async function deleteEndpoint(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const deleted = await db.delete(webhookEndpoints).where(own(tenantId, id)).returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}

/** A new secret; the current one becomes the previous, still signing for 24 hours. */
export async function rotateSecret(db: DbOrTx, tenantId: string, id: string, now: Date): Promise<EndpointRow | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(webhookEndpoints).where(own(tenantId, id)).for('update');
    if (!current) return undefined;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ secret: newSigningSecret(), previousSecret: current.secret, previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_TTL_MS), updatedAt: now })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return row;
  });
}

/** A `ping` event for this endpoint alone (whatever it subscribed to, enabled or not is its own business). */
export async function queueTestEvent(db: DbOrTx, endpoint: EndpointRow, now: Date): Promise<string | null> {
  return emitEvent(db, {
    tenantId: endpoint.tenantId,
    type: 'ping',
    endpointId: endpoint.id,
    now,
    data: { endpoint_id: endpoint.id, message: 'A test event from Spell Platform.' },
  });
}

/** The attempts log of one endpoint, newest first. */
export function listAttempts(db: DbOrTx, endpointId: string, page: { before: Position | undefined; limit: number }) {
  const conditions: SQL[] = [eq(webhookAttempts.endpointId, endpointId)];
  const position = after(webhookAttempts.createdAt, webhookAttempts.id, page.before);
  if (position) conditions.push(position);
  return db
    .select()
    .from(webhookAttempts)
    .where(and(...conditions))
    .orderBy(...newestFirst(webhookAttempts.createdAt, webhookAttempts.id))
    .limit(page.limit);
}

export function listEvents(db: DbOrTx, tenantId: string, options: { type?: string | undefined; limit: number }) {
  const conditions: SQL[] = [eq(webhookEvents.tenantId, tenantId)];
  if (options.type) conditions.push(eq(webhookEvents.type, options.type));
  return db
    .select()
    .from(webhookEvents)
    .where(and(...conditions))
    .orderBy(desc(webhookEvents.createdAt), desc(webhookEvents.id))
    .limit(options.limit);
}

/**
 * Queues the event again to the endpoints it went to (those still there and enabled), as new
 * deliveries with a fresh retry window. Null when the event is not the tenant's.
 */
export async function replayEvent(db: DbOrTx, tenantId: string, eventId: string, now: Date): Promise<{ deliveries: number } | null> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select({ id: webhookEvents.id }).from(webhookEvents).where(and(eq(webhookEvents.tenantId, tenantId), eq(webhookEvents.id, eventId)));
    if (!event) return null;
    const targets = await tx.selectDistinct({ endpointId: webhookDeliveries.endpointId }).from(webhookDeliveries).where(and(eq(webhookDeliveries.eventId, eventId), isNotNull(webhookDeliveries.endpointId)));
    if (targets.length === 0) return { deliveries: 0 };
    const enabled = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true), inArray(webhookEndpoints.id, targets.flatMap((row) => (row.endpointId ? [row.endpointId] : [])))));
    if (enabled.length > 0) {
      await tx.insert(webhookDeliveries).values(enabled.map((row) => ({ eventId, endpointId: row.id, nextAttemptAt: now, createdAt: now })));
    }
    return { deliveries: enabled.length };
  });
}

export async function creditsLowThreshold(db: DbOrTx, tenantId: string): Promise<number | null> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.tenantId, tenantId));
  return row?.creditsLowThresholdCents ?? null;
}

export async function setCreditsLowThreshold(db: DbOrTx, tenantId: string, thresholdCents: number | null, now: Date): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ tenantId, creditsLowThresholdCents: thresholdCents, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.tenantId, set: { creditsLowThresholdCents: thresholdCents, updatedAt: now } });
}
