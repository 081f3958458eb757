import { and, asc, eq, exists, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit-log.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js';
import type { Services } from '../services.js';
import { emitEndpointDisabled } from '../events/emitters.js';
import { eventBody } from '../events/outbox.js';
import { postWebhook, type PostOutcome } from './post-webhook.js';
import { signatureHeader } from './signing.js';
import { findTenantSecret, signingSecrets } from './tenant-secret.js';

/** How long a claimed delivery is left alone while its request is in flight (longer than any timeout). */
const LEASE_MS = 5 * 60_000;
/** The longest wait between two attempts, whatever the backoff says. */
const MAX_DELAY_MS = 12 * 3_600_000;
/** Deliveries claimed (and sent concurrently) at once. */
const DISPATCH_BATCH = 20;

/** The wait before attempt `attempts + 1`: exponential from `WEBHOOK_RETRY_BASE_MS`, with jitter (50–100 %). */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(exponential * (0.5 + Math.random() / 2));
}

const dueNow = (now: Date) =>
  and(
    eq(webhookDeliveries.status, 'pending'),
    lte(webhookDeliveries.nextAttemptAt, now),
    or(
      // A cast's own webhook_url has no endpoint to disable.
      isNotNull(webhookDeliveries.targetUrl),
      exists(
        // Deliveries of a disabled endpoint wait; they resume if it is enabled again within their window.
        sql`(select 1 from ${webhookEndpoints} where ${webhookEndpoints.id} = ${webhookDeliveries.endpointId} and ${webhookEndpoints.enabled})`,
      ),
    ),
  );

/**
 * Sends the deliveries that are due, oldest first. Each is claimed with `FOR UPDATE SKIP LOCKED`
 * and a lease, so every instance can run this without two sending one delivery at once; each
 * attempt is logged; a 2xx delivers it, anything else retries it with backoff until its retry
 * window ends. An endpoint whose attempts have all failed for `WEBHOOK_DISABLE_AFTER_MS` is disabled.
 */
export async function dispatchWebhooks(services: Services, batch = DISPATCH_BATCH): Promise<{ claimed: number; delivered: number; failed: number }> {
  const now = services.clock.now();
  const claimed = await services.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(dueNow(now))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
      .where(inArray(webhookDeliveries.id, due.map((row) => row.id)))
      .returning();
  });
  const outcomes = await Promise.all(claimed.map((delivery) => attemptDelivery(services, delivery)));
  const [left] = await services.db.select({ count: sql<number>`count(*)::int` }).from(webhookDeliveries).where(dueNow(services.clock.now()));
  services.metrics.webhookDue.set(left?.count ?? 0);
  return { claimed: claimed.length, delivered: outcomes.filter(Boolean).length, failed: outcomes.filter((ok) => !ok).length };
}

type Delivery = typeof webhookDeliveries.$inferSelect;
type Endpoint = typeof webhookEndpoints.$inferSelect;
type Event = typeof webhookEvents.$inferSelect;

/** Where a delivery goes and what signs it: its endpoint's secrets, or for a cast's own `webhook_url` the tenant's. */
async function findTarget(services: Services, delivery: Delivery, at: Date): Promise<{ url: string; secrets: string[]; endpoint: Endpoint | null; event: Event } | null> {
  if (delivery.endpointId) {
    const [row] = await services.db
      .select({ endpoint: webhookEndpoints, event: webhookEvents })
      .from(webhookEndpoints)
      .innerJoin(webhookEvents, eq(webhookEvents.id, delivery.eventId))
      .where(eq(webhookEndpoints.id, delivery.endpointId));
    return row ? { url: row.endpoint.url, secrets: signingSecrets(row.endpoint, at), endpoint: row.endpoint, event: row.event } : null;
  }
  const [event] = await services.db.select().from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
  if (!event || !delivery.targetUrl) return null;
  // The event's own tenant's secret, never another's.
  const secret = await findTenantSecret(services.db, event.tenantId);
  return { url: delivery.targetUrl, secrets: secret ? signingSecrets(secret, at) : [], endpoint: null, event };
}

async function attemptDelivery(services: Services, delivery: Delivery): Promise<boolean> {
  const at = services.clock.now();
  const target = await findTarget(services, delivery, at);
  if (!target) return false;
  const { event } = target;
  const body = eventBody(event);
  const { config } = services;
  const outcome: PostOutcome =
    target.secrets.length === 0
      ? { delivered: false, error: 'the tenant has no webhook signing secret (POST /v1/tenant/webhook-secret)', durationMs: 0 }
      : await postWebhook(
          {
            url: target.url,
            body,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'SpellPlatform-Webhooks/1',
              'spell-event-id': event.id,
              'spell-signature': signatureHeader(body, target.secrets, at),
            },
          },
          { timeoutMs: config.webhooks.timeoutMs, allowPrivate: config.webhooks.allowPrivateTargets },
        );
  await recordAttempt(services, { delivery, endpoint: target.endpoint, eventType: event.type, outcome });
  return outcome.delivered;
}

async function recordAttempt(services: Services, attempt: { delivery: Delivery; endpoint: Endpoint | null; eventType: string; outcome: PostOutcome }): Promise<void> {
  const { delivery, endpoint, outcome } = attempt;
  const now = services.clock.now();
  const settings = services.config.webhooks;
  const next = new Date(now.getTime() + retryDelayMs(delivery.attempts, settings.retryBaseMs));
  const givenUp = !outcome.delivered && next.getTime() > delivery.createdAt.getTime() + settings.retryWindowMs;
  const result = outcome.delivered ? 'delivered' : outcome.error?.startsWith('refused:') ? 'refused' : givenUp ? 'gave_up' : 'failed';
  await services.db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: delivery.id,
      endpointId: endpoint?.id ?? null,
      eventId: delivery.eventId,
      eventType: attempt.eventType,
      attempt: delivery.attempts,
      statusCode: outcome.statusCode ?? null,
      durationMs: outcome.durationMs,
      responseExcerpt: outcome.responseExcerpt ?? null,
      error: outcome.error?.slice(0, 1_000) ?? null,
      createdAt: now,
    });
    if (outcome.delivered) {
      await tx.update(webhookDeliveries).set({ status: 'delivered', deliveredAt: now }).where(eq(webhookDeliveries.id, delivery.id));
      if (endpoint) await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
      return;
    }
    await tx
      .update(webhookDeliveries)
      .set(givenUp ? { status: 'failed' } : { nextAttemptAt: next })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (!endpoint) return;
    await tx.update(webhookEndpoints).set({ failingSince: now }).where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
    await disableIfFailingTooLong(tx, services, endpoint.id, now);
  });
  services.metrics.webhookDeliveries.inc({ result });
  if (!outcome.delivered) {
    services.logger.warn({ endpoint: endpoint?.id, cast: delivery.castId, event: delivery.eventId, attempt: delivery.attempts, error: outcome.error }, 'webhook delivery failed');
  }
}

type Tx = Parameters<Parameters<Services['db']['transaction']>[0]>[0];

/** Disables the endpoint when its attempts have failed without a break for `WEBHOOK_DISABLE_AFTER_MS`, with an audit row and a notice event. */
async function disableIfFailingTooLong(tx: Tx, services: Services, endpointId: string, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - services.config.webhooks.disableAfterMs);
  const [disabled] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: 'failing', updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true), lte(webhookEndpoints.failingSince, cutoff)))
    .returning();
  if (!disabled?.failingSince) return;
  await writeAudit(tx, {
    action: 'webhook_endpoint_disabled',
    actor: { type: 'system' },
    tenantId: disabled.tenantId,
    target: { type: 'webhook_endpoint', id: disabled.id },
    before: { enabled: true },
    after: { enabled: false, url: disabled.url, failing_since: disabled.failingSince.toISOString() },
    at: now,
  });
  await emitEndpointDisabled(tx, { tenantId: disabled.tenantId, id: disabled.id, url: disabled.url, failingSince: disabled.failingSince, now });
  services.logger.warn({ endpoint: disabled.id, tenant: disabled.tenantId }, 'disabled a webhook endpoint that kept failing');
}

/** Runs the dispatcher on an interval on every instance (the claims keep them apart). */
export function startWebhookDispatcher(services: Services): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // A full batch means more are waiting: keep going until a batch comes back short.
      while ((await dispatchWebhooks(services)).claimed === DISPATCH_BATCH);
    } catch (error) {
      services.logger.error({ err: error }, 'webhook dispatcher failed; retrying at the next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), services.config.webhooks.dispatchIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
