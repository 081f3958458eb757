import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { KNOWN_LABELS } from './labels.js';

/** The Prometheus metrics of one app instance. Names are part of the public contract. */
export interface Metrics {
  readonly registry: Registry;
  readonly rateLimited: Counter<'scope'>;
  readonly redisErrors: Counter<'operation'>;
  readonly castTotal: Counter<'status'>;
  readonly castFailed: Counter<'code'>;
  readonly castDuration: Histogram<'status'>;
  readonly budgetBlocked: Counter;
  readonly creditBlocked: Counter;
  readonly stripeWebhooks: Counter<'type' | 'result'>;
  readonly meterEvents: Counter<'result'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  readonly creatorEarnings: Counter;
  readonly payouts: Counter<'result'>;
  readonly ledgerImbalance: Gauge;
  readonly webhookDeliveries: Counter<'result'>;
  readonly webhookDue: Gauge;
}

/** From 0.5 ms to 30 s: trivial spells finish well under a millisecond, heavy ones take seconds. */
export const CAST_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** From 1 ms to 30 s: most API answers take milliseconds, a slow cast or upload takes seconds. */
export const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One registry per app instance, so several instances in one process (tests) never share
 * counters. `connectionsInUse` is sampled when Prometheus scrapes.
 */
export function createMetrics(options: {
  connectionsInUse: () => number;
  /** The label values of the counters whose values a capability defines, started at zero. */
  knownLabels: { castFailureCode: readonly string[]; stripeEventType: readonly string[] };
  /** The last reconciliation's mismatches (from the database), read when scraped. */
  ledgerImbalance?: () => Promise<number | undefined>;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const rateLimited = new Counter({
    name: 'spell_rate_limited_total',
    help: 'Requests refused with 429 by the rate limiter.',
    labelNames: ['scope'],
    registers: [registry],
  });
  const redisErrors = new Counter({
    name: 'spell_redis_errors_total',
    help: 'Redis commands or connections that failed; the service failed open.',
    labelNames: ['operation'],
    registers: [registry],
  });
  new Gauge({
    name: 'spell_db_pool_in_use',
    help: 'Database connections currently checked out of the pool.',
    registers: [registry],
    collect() {
      this.set(options.connectionsInUse());
    },
  });
  const castTotal = new Counter({
    name: 'spell_cast_total',
    help: 'Casts that ran, by outcome (succeeded or failed).',
    labelNames: ['status'],
    registers: [registry],
  });
  const castFailed = new Counter({
    name: 'spell_cast_failed_total',
    help: 'Casts that failed, by error code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const castDuration = new Histogram({
    name: 'spell_cast_duration_seconds',
    help: 'Wall-clock time of a cast in the runtime, queueing included.',
    labelNames: ['status'],
    buckets: CAST_DURATION_BUCKETS,
    registers: [registry],
  });
  const budgetBlocked = new Counter({
    name: 'spell_budget_blocked_total',
    help: 'Casts refused with 402 because they would exceed the hard budget.',
    registers: [registry],
  });
  const creditBlocked = new Counter({
    name: 'spell_credit_blocked_total',
    help: 'Paid casts refused with 402 because prepaid credit did not cover them.',
    registers: [registry],
  });
  const stripeWebhooks = new Counter({
    name: 'spell_stripe_webhook_total',
    help: 'Stripe webhook deliveries, by event type and result (processed, duplicate, ignored, failed, invalid_signature).',
    labelNames: ['type', 'result'],
    registers: [registry],
  });
  const meterEvents = new Counter({
    name: 'spell_meter_events_total',
    help: 'Usage reports sent to Stripe as meter events, by result (sent, failed).',
    labelNames: ['result'],
    registers: [registry],
  });
  const webhookDeliveries = new Counter({
    name: 'spell_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by result (delivered, failed: will retry, gave_up: the retry window ended, refused: SSRF rule).',
    labelNames: ['result'],
    registers: [registry],
  });
  const webhookDue = new Gauge({
    name: 'spell_webhook_deliveries_due',
    help: 'Webhook deliveries due now and not yet sent, as the last dispatch on this instance saw them.',
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern (or "unmatched") and status class (2xx, 4xx, …).',
    labelNames: ['method', 'route', 'status_class'],
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });

  const creatorEarnings = new Counter({
    name: 'spell_creator_earnings_cents_total',
    help: 'Cents credited to creators from casts of their spells by others (their share, before refunds).',
    registers: [registry],
  });
  const payouts = new Counter({
    name: 'spell_payouts_total',
    help: 'Payouts to creators by result (paid, failed, reversed).',
    labelNames: ['result'],
    registers: [registry],
  });
  const readImbalance = options.ledgerImbalance;
  const ledgerImbalance = new Gauge({
    name: 'spell_ledger_imbalance',
    help: 'Mismatches the last reconciliation found, on whichever instance it ran (ledger sums, balances, payouts against Stripe); must stay 0.',
    registers: [registry],
    async collect() {
      // Read at scrape, so an instance that did not run the job shows the fleet's last result; when
      // the database does not answer in time, the value this instance last had stays.
      if (!readImbalance) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), 1_000);
      });
      const value = await Promise.race([readImbalance().catch(() => undefined), timeout]);
      clearTimeout(timer);
      if (value !== undefined) this.set(value);
    },
  });

  for (const status of KNOWN_LABELS.castStatus) {
    castTotal.inc({ status }, 0);
    castDuration.zero({ status });
  }
  for (const code of options.knownLabels.castFailureCode) castFailed.inc({ code }, 0);
  for (const scope of KNOWN_LABELS.rateLimitScope) rateLimited.inc({ scope }, 0);
  for (const operation of KNOWN_LABELS.redisOperation) redisErrors.inc({ operation }, 0);
  for (const type of options.knownLabels.stripeEventType) {
    for (const result of KNOWN_LABELS.stripeResult) stripeWebhooks.inc({ type, result }, 0);
  }
  stripeWebhooks.inc({ type: 'unknown', result: 'invalid_signature' }, 0);
  for (const result of KNOWN_LABELS.meterResult) meterEvents.inc({ result }, 0);
  for (const result of KNOWN_LABELS.payoutResult) payouts.inc({ result }, 0);
  ledgerImbalance.set(0);
  for (const result of KNOWN_LABELS.webhookResult) webhookDeliveries.inc({ result }, 0);
  webhookDue.set(0);

  return { registry, rateLimited, redisErrors, castTotal, castFailed, castDuration, budgetBlocked, creditBlocked, stripeWebhooks, meterEvents, httpDuration, creatorEarnings, payouts, ledgerImbalance, webhookDeliveries, webhookDue };
}
