/**
 * Fixed lists of values, each written once: the schema's columns and checks, the API's zod
 * schemas and the types all derive from these arrays.
 */

/** `active → grace` on a failed payment, `grace → suspended` when grace runs out, back by payment or operator. */
export const TENANT_STATUSES = ['active', 'grace', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/**
 * Where a cast stands. A sync cast starts `running`; an async one starts `queued` and is claimed
 * `running` by a worker (or `canceled` by its caster, or failed as `expired` past `CAST_QUEUE_TTL_MS`).
 */
export const CAST_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type CastStatus = (typeof CAST_STATUSES)[number];

/** A cast's final states: once here it never changes again. */
export const FINAL_CAST_STATUSES = ['succeeded', 'failed', 'canceled'] as const;

/** `sync`: run within its `POST /v1/cast` request; `async`: queued by `POST /v1/casts` and run by a worker. */
export const CAST_MODES = ['sync', 'async'] as const;
export type CastMode = (typeof CAST_MODES)[number];

/** A budget resets at local midnight (`daily`) or on the first of the month (`monthly`). */
export const BUDGET_PERIODS = ['daily', 'monthly'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** Plans a tenant can hold; `FREE` is implied by having no other. */
export const PLAN_CODES = ['FREE', 'PRO', 'LIFETIME'] as const;
export type PlanCode = (typeof PLAN_CODES)[number];

/** Plans an entitlement row grants (`FREE` is never stored). */
export const GRANTED_PLAN_CODES = ['PRO', 'LIFETIME'] as const;

/** Where an entitlement came from: a Stripe subscription, a license key, or an operator. */
export const ENTITLEMENT_SOURCES = ['stripe', 'license', 'manual'] as const;
export type EntitlementSource = (typeof ENTITLEMENT_SOURCES)[number];

/** Where a purchase's payment stands: credit is granted only once `paid` (or `no_payment_required`). */
export const PURCHASE_PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required', 'failed'] as const;
export type PurchasePaymentStatus = (typeof PURCHASE_PAYMENT_STATUSES)[number];

/**
 * The ledger's accounts. Per tenant: a consumer's prepaid credit, what its running casts hold, what
 * it owes on its metered invoice; a creator's earnings still pending (awaiting the consumer's payment
 * or in the hold period) and payable. Platform-wide (no tenant): the platform's revenue, payouts on
 * their way to Stripe, casts priced while billing is off (`unbilled`), and `external`, the other side
 * of every cent that entered (negative) or left (positive) through Stripe.
 */
export const LEDGER_ACCOUNT_KINDS = [
  'consumer_credit',
  'consumer_in_flight',
  'consumer_receivable',
  'creator_pending',
  'creator_payable',
  'platform_revenue',
  'payouts_in_transit',
  'unbilled',
  'external',
] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

/** Accounts that belong to one tenant (the others are the platform's own). */
export const TENANT_LEDGER_ACCOUNT_KINDS = ['consumer_credit', 'consumer_in_flight', 'consumer_receivable', 'creator_pending', 'creator_payable'] as const;

/** What moved money: each journal is one of these, its lines summing to zero. */
export const JOURNAL_KINDS = [
  'credit_purchase',
  'credit_reversal',
  'credit_grant',
  'cast_charge',
  'cast_refund',
  'cast_settle',
  'invoice_funding',
  'earnings_release',
  'earnings_reversal',
  'payout',
  'payout_paid',
  'payout_failed',
  'payout_reversed',
  'migrated',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/**
 * How a paid cast's price reaches the platform: prepaid credit (charged at start), the metered
 * invoice of a plan (owed until the invoice is paid), or not at all while billing is off.
 */
export const CAST_FUNDINGS = ['credits', 'invoice', 'unbilled'] as const;
export type CastFunding = (typeof CAST_FUNDINGS)[number];

/**
 * A cast's split on its way to the creator: `awaiting_payment` (its invoice is not paid yet),
 * `held` (paid, inside `PAYOUT_HOLD_DAYS`), `payable` (released to the creator's payable balance),
 * `unbilled` (billing off: a book entry, never paid out).
 */
export const SPLIT_STATUSES = ['awaiting_payment', 'held', 'payable', 'unbilled'] as const;
export type SplitStatus = (typeof SPLIT_STATUSES)[number];

/** A payout: recorded before its Transfer is made, then `paid`, `failed` (money back) or `reversed` (money back). */
export const PAYOUT_STATUSES = ['pending', 'paid', 'failed', 'reversed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * What a tenant's webhook endpoints can subscribe to. `webhook_endpoint.disabled` is the platform's
 * notice that it disabled an endpoint that failed for days; `ping` is only ever sent by "send test event".
 */
export const WEBHOOK_EVENT_TYPES = [
  'cast.succeeded',
  'cast.failed',
  'budget.soft_limit_reached',
  'budget.hard_limit_reached',
  'tenant.grace_started',
  'tenant.suspended',
  'credits.low',
  'creator.payout_paid',
  'webhook_endpoint.disabled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | 'ping';

/** A delivery is `pending` until a 2xx (`delivered`) or until its retry window ends (`failed`). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
