import type { components, operations } from './schema';

/**
 * Shapes of the API's answers, named for the pages. Every one is taken from the types generated
 * from GET /openapi.json (`schema.ts`, `npm run api:types`), so none is written by hand.
 */
type Schemas = components['schemas'];

/** The JSON body an operation answers with on `status`. */
export type Answer<Id extends keyof operations, Status extends keyof operations[Id]['responses']> =
  operations[Id]['responses'][Status] extends { content: { 'application/json': infer Body } } ? Body : never;

export type User = Schemas['User'];
export type Tenant = Schemas['Tenant'];
export type TenantStatus = Tenant['status'];
export type Me = Answer<'getMe', 200>;
export type Plan = Me['plan'];
/** The tenant with whether its handle can still change (GET /v1/tenant). */
export type TenantAccount = Answer<'getTenantAccount', 200>;

export type ApiKey = Schemas['ApiKey'];

export type Spell = Schemas['Spell'];
export type SpellDetail = Schemas['SpellDetail'];
/** What `POST /v1/spells` takes: the name and the settings PATCH takes (as JSON, or a form's `spell` field). */
export type NewSpell = NonNullable<operations['createSpell']['requestBody']>['content']['application/json'];
/** What `PATCH /v1/spells/{name}` takes: any of the settings. */
export type SpellChanges = NonNullable<operations['updateSpell']['requestBody']>['content']['application/json'];
/** The catalog's search: `GET /v1/spells`'s query. */
export type CatalogQuery = Omit<NonNullable<operations['listSpells']['parameters']['query']>, 'mine'> & { mine?: boolean };
export type CatalogSort = NonNullable<CatalogQuery['sort']>;
export type SpellVersion = Schemas['SpellVersion'];
export type SpellStats = Answer<'getSpellStats', 200>;

export type CastResult = Answer<'castSpell', 200>;
/** An async cast as `POST /v1/casts` accepted it (`202`, `status: queued`). */
export type QueuedCast = Answer<'queueCast', 202>;
export type Cast = Schemas['Cast'];
/** One cast in full (`GET /v1/casts/{id}`): its input, output, error message and logs. */
export type CastDetail = Schemas['CastDetail'];
export type CastLogLine = Schemas['CastLogLine'];

export type Budget = Schemas['Budget'];
export type Period = Budget['period'];
export type Usage = Answer<'getBudgetUsage', 200>;
/** The period's spending in hourly (daily budget) or daily (monthly) buckets, all the tenant's casts. */
export type UsageSeries = Answer<'getBudgetUsageSeries', 200>;

export type BillingOverview = Answer<'getBilling', 200>;
export type Purchase = Answer<'listPurchases', 200>['purchases'][number];
export type Subscription = Answer<'listSubscriptions', 200>['subscriptions'][number];

/** A creator's earnings from the books (`GET /v1/creator/earnings`). */
export type CreatorEarnings = Schemas['CreatorEarnings'];
export type Payout = Schemas['Payout'];
/** The creator's Stripe Connect account, the next step and the payout rules. */
export type PayoutAccount = Answer<'getPayoutAccount', 200>;
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
/** Whether the tenant has the secret that signs deliveries to casts' `webhook_url`, and when it was made or rotated. */
export type CastWebhookSecret = Answer<'getTenantWebhookSecret', 200>;
export type WebhookEventType = WebhookEndpoint['events'][number];
/** One attempt to deliver an event, as the deliveries log shows it. */
export type WebhookAttempt = Schemas['WebhookAttempt'];
