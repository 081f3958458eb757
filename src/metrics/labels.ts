/**
 * The label values each labelled counter starts at zero with. A counter that has never moved
 * would otherwise be absent from the scrape, and `rate(...) > 0` alerts and dashboards would
 * show "no data" instead of 0 until the first incident. The lists that belong to a capability
 * (failure codes, Stripe event types) are handed in by `createMetrics`'s caller, so metrics,
 * which every folder uses, imports none of them.
 */
export const KNOWN_LABELS = {
  castStatus: ['succeeded', 'failed'],
  /** `user` and `ip` are the general limits; the others are the named per-IP limits. */
  rateLimitScope: ['user', 'ip', 'login', 'license_claim'],
  redisOperation: ['connection', 'rate_limit', 'login_throttle'],
  stripeResult: ['processed', 'duplicate', 'ignored', 'failed'],
  meterResult: ['sent', 'failed'],
  payoutResult: ['paid', 'failed', 'reversed'],
  webhookResult: ['delivered', 'failed', 'gave_up', 'refused'],
} as const;

/** Request methods get their own label; anything else (rare, and client-chosen) shares one. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The `route` label of requests no route matched, so scanners cannot mint new series. */
export const UNMATCHED_ROUTE = 'unmatched';
