import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BUDGET_PERIODS, CAST_MODES, CAST_STATUSES, ENTITLEMENT_SOURCES, PURCHASE_PAYMENT_STATUSES, TENANT_STATUSES } from './values.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** `'a', 'b'` for a check constraint over one of the fixed lists (their values are our own literals). */
const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A tenant owns everything a customer has: users, keys, budgets, billing. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /**
     * The owner part of its spells' names (`handle/name`): unique, and never given to another
     * tenant, also after a change (every handle a tenant has held stays in `tenant_handles`).
     */
    handle: text('handle').notNull(),
    status: text('status', { enum: TENANT_STATUSES })
      .notNull()
      .default('active'),
    graceUntil: timestamp('grace_until', { withTimezone: true }),
    /** An operator's override of `CREATOR_SHARE_PERCENT` for this creator's spells; null follows the default. */
    creatorSharePercent: integer('creator_share_percent'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('tenants_handle_key').on(table.handle),
    check('tenants_status_check', sql`${table.status} in (${oneOf(TENANT_STATUSES)})`),
    check('tenants_creator_share_check', sql`${table.creatorSharePercent} is null or ${table.creatorSharePercent} between 0 and 100`),
  ],
);

/**
 * Every handle ever held, by whom: a handle is claimed here before a tenant takes it, so it is
 * never reused, not after a change and not after the tenant is deleted.
 */
export const tenantHandles = pgTable(
  'tenant_handles',
  {
    handle: text('handle').primaryKey(),
    /** No foreign key: the claim outlives the tenant, and is made before the tenant row exists. */
    tenantId: uuid('tenant_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('tenant_handles_tenant_id_idx').on(table.tenantId)],
);

/** A person who signs in; belongs to exactly one tenant with a role. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'member'] }).notNull(),
    email: text('email').notNull(),
    displayName: text('display_name'),
    passwordHash: text('password_hash'),
    githubId: bigint('github_id', { mode: 'number' }),
    githubLogin: text('github_login'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    uniqueIndex('users_github_id_key').on(table.githubId),
    index('users_tenant_id_idx').on(table.tenantId),
    check('users_role_check', sql`${table.role} in ('owner', 'member')`),
  ],
);

/** A signed-in session; only the SHA-256 of its token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('sessions_token_hash_key').on(table.tokenHash),
    index('sessions_user_id_idx').on(table.userId),
  ],
);

/** An API key; the secret is shown once, only its SHA-256 and a visible prefix are kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('api_keys_prefix_key').on(table.prefix),
    uniqueIndex('api_keys_key_hash_key').on(table.keyHash),
    index('api_keys_tenant_id_idx').on(table.tenantId),
  ],
);

/**
 * Wasm modules, stored once by the SHA-256 of their bytes. They live in the database (not a blob
 * directory) so that stateless app servers need no shared disk and a backup holds everything.
 */
export const wasmModules = pgTable('wasm_modules', {
  sha256: text('sha256').primaryKey(),
  bytes: bytea('bytes').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  createdAt: createdAt(),
});

/**
 * A spell: a named, priced Extism plug-in owned by a tenant, addressed as `handle/name`. A name is
 * never reused within its owner: deleting sets `deleted_at` (the row, its versions and its casts
 * stay; pinned casts keep working for the retirement window). An operator's unpublish hides it
 * from everyone but its owner.
 */
export const spells = pgTable(
  'spells',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    visibility: text('visibility', { enum: ['public', 'private'] }).notNull().default('private'),
    priceCents: integer('price_cents'),
    functionName: text('function_name').notNull().default('cast'),
    timeoutMs: integer('timeout_ms'),
    inputSchema: jsonb('input_schema'),
    /** Catalog tags: lower-case words, at most ten. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** The spell's page, in Markdown (rendered without raw HTML). */
    readme: text('readme').notNull().default(''),
    /** Set once the spell has been public: its owner's handle is then fixed. */
    everPublic: boolean('ever_public').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** An operator took the spell out of the catalog, with `unpublished_reason` for its owner. */
    unpublishedAt: timestamp('unpublished_at', { withTimezone: true }),
    unpublishedReason: text('unpublished_reason'),
  },
  (table) => [
    uniqueIndex('spells_tenant_name_key').on(table.tenantId, table.name),
    index('spells_public_name_idx').on(table.name).where(sql`${table.visibility} = 'public' and ${table.deletedAt} is null and ${table.unpublishedAt} is null`),
    check('spells_visibility_check', sql`${table.visibility} in ('public', 'private')`),
    check('spells_price_check', sql`${table.priceCents} is null or ${table.priceCents} >= 0`),
  ],
);

/** An immutable version of a spell: version numbers count up from 1 per spell. */
export const spellVersions = pgTable(
  'spell_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spellId: uuid('spell_id')
      .notNull()
      .references(() => spells.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    moduleSha256: text('module_sha256')
      .notNull()
      .references(() => wasmModules.sha256),
    exports: text('exports').array().notNull(),
    /**
     * The function casts of this version call, once the spell's own `function_name` has moved on
     * (set on the older versions when it changes, so a pinned version keeps calling what it did);
     * null while this version follows the spell's.
     */
    functionName: text('function_name'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('spell_versions_spell_version_key').on(table.spellId, table.version)],
);

/**
 * Every cast. A sync cast's row is written as `running` before the spell runs (holding the budget
 * reservation) and settled to `succeeded` or `failed` after; a `running` row past `expires_at`
 * belongs to a process that died and is failed by the reconciler. An async cast's row is written
 * `queued` (holding the same reservation) and claimed `running` by a worker, canceled by its caster,
 * or failed as `expired` once past `queue_expires_at`. `cost_cents` is null on rows from before
 * costs were recorded.
 */
export const casts = pgTable(
  'casts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    spellId: uuid('spell_id')
      .notNull()
      .references(() => spells.id),
    spellVersionId: uuid('spell_version_id')
      .notNull()
      .references(() => spellVersions.id),
    status: text('status', { enum: CAST_STATUSES }).notNull(),
    mode: text('mode', { enum: CAST_MODES }).notNull().default('sync'),
    errorCode: text('error_code'),
    durationMs: integer('duration_ms'),
    costCents: integer('cost_cents'),
    /** The price the cast was started at (what it is charged if it succeeds); null on rows from before prices were kept. */
    priceCents: integer('price_cents'),
    /** The amount held against the budget while running (0 without a budget). */
    reservedCents: integer('reserved_cents').notNull().default(0),
    /** The usage bucket the reservation was taken from; null without a budget. */
    budgetPeriod: text('budget_period', { enum: BUDGET_PERIODS }),
    periodStart: timestamp('period_start', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /**
     * How a paid cast is paid: `plan` (metered on the plan's Stripe invoice), `credits` (charged to
     * prepaid credit at start, given back unless it succeeds), `covered` (the platform's own cost,
     * included in a plan), `unbilled` (billing off: booked, never collected); null for a free cast.
     */
    payment: text('payment', { enum: ['plan', 'credits', 'covered', 'unbilled'] }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** An async cast: when a worker claimed it (`running`); a sync cast starts at `created_at`. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** An async cast still `queued` after this fails as `expired` at no cost (`CAST_QUEUE_TTL_MS`). */
    queueExpiresAt: timestamp('queue_expires_at', { withTimezone: true }),
    /**
     * An async cast's place in its tenant's line, the order the queue serves (lowest first): a
     * tenant's next cast goes one past its last queued one, a tenant with none joins the round now served.
     */
    queueRank: integer('queue_rank'),
    /** An async cast's wall-clock limit (up to `SPELL_MAX_ASYNC_TIMEOUT_MS`). */
    timeoutMs: integer('timeout_ms'),
    /** Where the cast's own `cast.succeeded`/`cast.failed` events go (delivered by the webhooks outbox). */
    webhookUrl: text('webhook_url'),
    /** How many times a worker claimed it: at most once (a worker that dies leaves it to the reconciler). */
    attempts: integer('attempts').notNull().default(0),
  },
  (table) => [
    index('casts_tenant_created_idx').on(table.tenantId, table.createdAt),
    index('casts_queued_rank_idx').on(table.tenantId, table.queueRank).where(sql`${table.status} = 'queued'`),
    index('casts_queued_expires_idx').on(table.queueExpiresAt).where(sql`${table.status} = 'queued'`),
    index('casts_user_created_idx').on(table.userId, table.createdAt),
    index('casts_spell_id_idx').on(table.spellId),
    index('casts_running_expires_idx').on(table.expiresAt).where(sql`${table.status} = 'running'`),
    check('casts_status_check', sql`${table.status} in (${oneOf(CAST_STATUSES)})`),
    check('casts_mode_check', sql`${table.mode} in (${oneOf(CAST_MODES)})`),
  ],
);

/**
 * What a spell wrote during a cast (Extism `log_*`, WASI stdout and stderr), capped per cast and
 * written with the cast's settlement; no row when it wrote nothing. Shown only to the tenant that
 * cast, and deleted after `SPELL_LOG_RETENTION_DAYS` by the cast-log-cleanup job.
 */
export const castLogs = pgTable(
  'cast_logs',
  {
    castId: uuid('cast_id')
      .primaryKey()
      .references(() => casts.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** `[{stream, level, message}]`, in the order written. */
    lines: jsonb('lines').notNull(),
    /** Lines were dropped or cut, by the runtime or at `SPELL_LOG_MAX_BYTES`. */
    truncated: boolean('truncated').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index('cast_logs_created_idx').on(table.createdAt)],
);

/**
 * An async cast's input while it waits for a worker: written with the queued cast, deleted when
 * the cast reaches a final state (its input is then kept, capped, in `cast_results`).
 */
export const castInputs = pgTable('cast_inputs', {
  castId: uuid('cast_id')
    .primaryKey()
    .references(() => casts.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** The input as JSON text (`null` input is `'null'`). */
  input: text('input').notNull(),
  createdAt: createdAt(),
});

/**
 * A cast's input and output as the caster sent and got them, for the cast's detail page; written
 * with the cast's settlement, shown only to the user who cast, dropped after
 * `CAST_OUTPUT_RETENTION_DAYS` by the cast-log-cleanup job. A side larger than
 * `CAST_RESULT_MAX_BYTES` is not kept (null, with its `*_bytes` still recorded). The sides are
 * JSON text, not `jsonb`: that keeps them as sent (key order, `\u0000` in strings, which `jsonb`
 * refuses) and their size is the size of that text.
 */
export const castResults = pgTable(
  'cast_results',
  {
    castId: uuid('cast_id')
      .primaryKey()
      .references(() => casts.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The input as JSON text; null when over the cap. */
    input: text('input'),
    /** UTF-8 bytes of the input's JSON text. */
    inputBytes: integer('input_bytes').notNull(),
    /** The output as JSON text; null when over the cap or when the cast failed (then `output_bytes` is null too). */
    output: text('output'),
    outputBytes: integer('output_bytes'),
    /** A failed cast's message, as its `422` said it (cut at 4 KiB). */
    errorMessage: text('error_message'),
    createdAt: createdAt(),
  },
  (table) => [index('cast_results_created_idx').on(table.createdAt)],
);

/** A tenant's spending limit. One per tenant; periods follow `time_zone`. */
export const budgets = pgTable(
  'budgets',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    period: text('period', { enum: BUDGET_PERIODS }).notNull(),
    softLimitCents: integer('soft_limit_cents').notNull(),
    hardLimitCents: integer('hard_limit_cents').notNull(),
    timeZone: text('time_zone').notNull().default('UTC'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('budgets_period_check', sql`${table.period} in (${oneOf(BUDGET_PERIODS)})`),
    check('budgets_limits_check', sql`0 <= ${table.softLimitCents} and ${table.softLimitCents} <= ${table.hardLimitCents}`),
  ],
);

/**
 * The usage counter of one budget period. `used + reserved` never exceeds the hard limit: a
 * reservation is taken by one conditional UPDATE of this row.
 */
export const budgetUsage = pgTable(
  'budget_usage',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    period: text('period', { enum: BUDGET_PERIODS }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    usedCents: bigint('used_cents', { mode: 'number' }).notNull().default(0),
    reservedCents: bigint('reserved_cents', { mode: 'number' }).notNull().default(0),
    casts: integer('casts').notNull().default(0),
    softCrossedAt: timestamp('soft_crossed_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.period, table.periodStart] }),
    check('budget_usage_nonnegative', sql`${table.usedCents} >= 0 and ${table.reservedCents} >= 0`),
  ],
);

/** Budget notifications, at most one of a kind per tenant and period. */
export const budgetEvents = pgTable(
  'budget_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['soft_limit_crossed'] }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    usedCents: bigint('used_cents', { mode: 'number' }).notNull(),
    limitCents: integer('limit_cents').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('budget_events_once_key').on(table.tenantId, table.kind, table.periodStart)],
);

/** A tenant's Stripe customer and the state of its plan subscription. One per tenant. */
export const billingAccounts = pgTable(
  'billing_accounts',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    stripeSubscriptionId: text('stripe_subscription_id'),
    /** Stripe's subscription status (`active`, `past_due`, `canceled`, …); `none` before any. */
    status: text('status').notNull().default('none'),
    plan: text('plan'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    /** `created` of the newest subscription event applied; older ones are not applied over it. */
    subscriptionEventAt: timestamp('subscription_event_at', { withTimezone: true }),
    /** `created` of the newest invoice event applied (payment failed / paid). */
    invoiceEventAt: timestamp('invoice_event_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('billing_accounts_customer_key').on(table.stripeCustomerId)],
);

/** Every subscription a tenant has had, as Stripe last described it. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeSubscriptionId: text('stripe_subscription_id').notNull(),
    status: text('status').notNull(),
    priceId: text('price_id'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: integer('cancel_at_period_end').notNull().default(0),
    /** `created` of the event this row reflects. */
    eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('subscriptions_stripe_id_key').on(table.stripeSubscriptionId),
    index('subscriptions_tenant_idx').on(table.tenantId),
  ],
);

/** Completed Checkout payments (credit packs and plan sign-ups). */
export const purchases = pgTable(
  'purchases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').notNull(),
    mode: text('mode', { enum: ['payment', 'subscription'] }).notNull(),
    priceId: text('price_id'),
    amountCents: integer('amount_cents'),
    currency: text('currency'),
    creditsCents: integer('credits_cents').notNull().default(0),
    /** The Checkout Session's `payment_status`, or `failed` after `async_payment_failed`; credit is granted only once `paid`. */
    paymentStatus: text('payment_status', { enum: PURCHASE_PAYMENT_STATUSES }).notNull().default('paid'),
    /** Refunds and lost disputes find their purchase by it. */
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    /** Credit taken back by refunds and a lost dispute, so a later, larger refund takes only the difference. */
    creditsReversedCents: integer('credits_reversed_cents').notNull().default(0),
    /** Credit of this purchase spent on casts (drawn oldest purchase first, given back when a cast fails). */
    creditsDrawnCents: integer('credits_drawn_cents').notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('purchases_checkout_session_key').on(table.stripeCheckoutSessionId),
    uniqueIndex('purchases_payment_intent_key').on(table.stripePaymentIntentId).where(sql`${table.stripePaymentIntentId} is not null`),
    index('purchases_tenant_idx').on(table.tenantId, table.createdAt),
    check('purchases_payment_status_check', sql`${table.paymentStatus} in (${oneOf(PURCHASE_PAYMENT_STATUSES)})`),
  ],
);

/** What a tenant may use: a plan code from a source, valid for a while or for good. */
export const entitlements = pgTable(
  'entitlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    planCode: text('plan_code').notNull(),
    source: text('source', { enum: ENTITLEMENT_SOURCES }).notNull(),
    /** The subscription or license that granted it. */
    sourceRef: text('source_ref'),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('entitlements_tenant_idx').on(table.tenantId),
    uniqueIndex('entitlements_active_key')
      .on(table.tenantId, table.planCode, table.source)
      .where(sql`${table.status} = 'active'`),
    check('entitlements_source_check', sql`${table.source} in (${oneOf(ENTITLEMENT_SOURCES)})`),
    check('entitlements_status_check', sql`${table.status} in ('active', 'revoked')`),
  ],
);

/** Every Stripe event received: the unique event id makes processing exactly-once. */
export const stripeWebhookLogs = pgTable(
  'stripe_webhook_logs',
  {
    eventId: text('event_id').primaryKey(),
    type: text('type').notNull(),
    /** `created` of the event at Stripe. */
    eventCreatedAt: timestamp('event_created_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    result: text('result', { enum: ['processed', 'ignored', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
  },
  (table) => [index('stripe_webhook_logs_received_idx').on(table.receivedAt)],
);

/** Usage to report to Stripe as meter events: written with the cast, sent until accepted. */
export const meterEvents = pgTable(
  'meter_events',
  {
    castId: uuid('cast_id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    valueCents: integer('value_cents').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('meter_events_pending_idx').on(table.nextAttemptAt).where(sql`${table.sentAt} is null`)],
);

/**
 * Who did what to billing and tenants, written in the transaction of the change. Append-only: a
 * trigger refuses UPDATE and DELETE.
 */
export const billingAuditLogs = pgTable(
  'billing_audit_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    action: text('action').notNull(),
    actorType: text('actor_type', { enum: ['operator', 'user', 'stripe', 'system'] }).notNull(),
    actorId: text('actor_id'),
    tenantId: uuid('tenant_id'),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (table) => [
    index('billing_audit_logs_created_idx').on(table.createdAt),
    index('billing_audit_logs_tenant_idx').on(table.tenantId, table.createdAt),
    index('billing_audit_logs_action_idx').on(table.action, table.createdAt),
    index('billing_audit_logs_target_idx').on(table.targetType, table.targetId, table.createdAt),
    check('billing_audit_logs_actor_check', sql`${table.actorType} in ('operator', 'user', 'stripe', 'system')`),
  ],
);

/** An operator's credential for the admin API; only the SHA-256 of the token is kept. */
export const adminTokens = pgTable(
  'admin_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('admin_tokens_token_hash_key').on(table.tokenHash)],
);

/**
 * A one-time license key sold outside Stripe: only its SHA-256 is kept (and a short hint for
 * support). `unused` → `used` (claimed, bound to a tenant) or → `revoked`.
 */
export const licenseKeys = pgTable(
  'license_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    keyHash: text('key_hash').notNull(),
    /** The key's last four characters, to tell keys apart in listings. */
    hint: text('hint').notNull(),
    batchId: uuid('batch_id').notNull(),
    memo: text('memo').notNull(),
    status: text('status', { enum: ['unused', 'used', 'revoked'] }).notNull().default('unused'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedTenantId: uuid('claimed_tenant_id').references(() => tenants.id, { onDelete: 'set null' }),
    claimedUserId: uuid('claimed_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('license_keys_key_hash_key').on(table.keyHash),
    index('license_keys_created_idx').on(table.createdAt, table.id),
    index('license_keys_batch_idx').on(table.batchId),
    check('license_keys_status_check', sql`${table.status} in ('unused', 'used', 'revoked')`),
  ],
);

/**
 * One row per scheduled occurrence of a batch job: the primary key lets exactly one instance of
 * the fleet claim each occurrence.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    occurrence: timestamp('occurrence', { withTimezone: true }).notNull(),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    result: jsonb('result'),
    error: text('error'),
  },
  (table) => [primaryKey({ columns: [table.job, table.occurrence] })],
);

/**
 * A request sent with an `Idempotency-Key`, per caller (`scope`: a tenant or an operator) and key:
 * the request's fingerprint (method, URL and body), whether it is still running (its lease ends at
 * `locked_until`) and, once answered, the answer replayed to every retry within 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** The tenant whose key it is (gone with the tenant); null for an operator's. */
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_flight', 'done'] }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    contentType: text('content_type'),
    /** The answer's own headers a retry gets again (`Location`, `Spell-Budget-Warning`, …). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    body: text('body'),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.key] }),
    index('idempotency_keys_created_idx').on(table.createdAt),
    check('idempotency_keys_state_check', sql`${table.state} in ('in_flight', 'done')`),
  ],
);

export * from './money-schema.js';
export * from './webhook-schema.js';
