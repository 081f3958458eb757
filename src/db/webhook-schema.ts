import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { casts, tenants } from './schema.js';
import { WEBHOOK_DELIVERY_STATUSES } from './values.js';

/**
 * Outbound webhooks: the endpoints a tenant registers, the outbox of events (written in the
 * transaction of the change they describe), one delivery per event and endpoint, and every attempt.
 */

const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A URL a tenant's own system listens on, the events it wants and the secret deliveries are signed with. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Kept as is: signing needs the secret itself (see docs/SECURITY.md). Never shown again after creation or rotation. */
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signing (a second `v1=`) until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Since when every attempt has failed (null after a success); past `WEBHOOK_DISABLE_AFTER_MS` the endpoint is disabled. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_endpoints_tenant_idx').on(table.tenantId, table.createdAt)],
);

/**
 * One thing that happened to a tenant, as its endpoints receive it (`evt_…`). `dedupe_key` makes an
 * event that may happen once (the first hard-limit refusal of a period) happen once.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (table) => [
    index('webhook_events_tenant_idx').on(table.tenantId, table.createdAt),
    uniqueIndex('webhook_events_dedupe_key').on(table.tenantId, table.dedupeKey).where(sql`${table.dedupeKey} is not null`),
  ],
);

/**
 * An event on its way to one endpoint, or to one async cast's own `webhook_url` (`target_url`, with
 * its `cast_id`, signed with the tenant's secret): `pending` until a 2xx (`delivered`) or the retry
 * window ends (`failed`).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    targetUrl: text('target_url'),
    castId: uuid('cast_id').references(() => casts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('webhook_deliveries_event_idx').on(table.eventId),
    index('webhook_deliveries_cast_idx').on(table.castId).where(sql`${table.castId} is not null`),
    check('webhook_deliveries_target_check', sql`(${table.endpointId} is null) <> (${table.targetUrl} is null)`),
    check('webhook_deliveries_status_check', sql`${table.status} in (${oneOf(WEBHOOK_DELIVERY_STATUSES)})`),
  ],
);

/** One POST to an endpoint and what came back: the deliveries log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    /** Null for an attempt to a cast's own `webhook_url`. */
    endpointId: uuid('endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    /** At most 1 KiB of the response body. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (table) => [index('webhook_attempts_endpoint_idx').on(table.endpointId, table.createdAt)],
);

/**
 * The secret a tenant's per-cast `webhook_url` deliveries are signed with: made by its owner
 * (`POST /v1/tenant/webhook-secret`, shown once), rotated the way an endpoint's is.
 */
export const tenantWebhookSecrets = pgTable('tenant_webhook_secrets', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** Kept as is: signing needs the secret itself. Never shown again after creation or rotation. */
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  createdAt: createdAt(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});

/** What a tenant wants to be told about: `credits.low` fires when a charge takes its credit below this. */
export const notificationSettings = pgTable('notification_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  creditsLowThresholdCents: bigint('credits_low_threshold_cents', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
