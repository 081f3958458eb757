import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../db/values.js';
import type { webhookAttempts, webhookEvents } from '../db/schema.js';
import type { EndpointRow } from './endpoints.js';

export const endpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.enum(['failing', 'by_user']).nullable().describe('`failing`: the platform disabled it after it failed for `WEBHOOK_DISABLE_AFTER_MS`'),
    failing_since: z.string().nullable().describe('Since when every attempt has failed; null after a success'),
    previous_secret_expires_at: z.string().nullable().describe('Until when the secret replaced by the last rotation still signs (a second `v1=`)'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export function viewEndpoint(row: EndpointRow, now: Date): z.infer<typeof endpointSchema> {
  const previous = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.filter((event): event is (typeof WEBHOOK_EVENT_TYPES)[number] => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(event)),
    enabled: row.enabled,
    disabled_reason: row.disabledReason === 'failing' || row.disabledReason === 'by_user' ? row.disabledReason : null,
    failing_since: row.failingSince?.toISOString() ?? null,
    previous_secret_expires_at: previous,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const attemptSchema = z
  .object({
    id: z.uuid(),
    event_id: z.string(),
    event_type: z.string(),
    attempt: z.number().int(),
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    response_excerpt: z.string().nullable().describe('At most 1 KiB of the answer'),
    error: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'WebhookAttempt' });

export function viewAttempt(row: typeof webhookAttempts.$inferSelect): z.infer<typeof attemptSchema> {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    attempt: row.attempt,
    status_code: row.statusCode,
    duration_ms: row.durationMs,
    response_excerpt: row.responseExcerpt,
    error: row.error,
    at: row.createdAt.toISOString(),
  };
}

export const eventSchema = z
  .object({ id: z.string(), type: z.string(), created: z.number().int(), data: z.record(z.string(), z.unknown()) })
  .meta({ id: 'WebhookEvent' });

export function viewEvent(row: typeof webhookEvents.$inferSelect): z.infer<typeof eventSchema> {
  return { id: row.id, type: row.type, created: Math.floor(row.createdAt.getTime() / 1000), data: row.data as Record<string, unknown> };
}
