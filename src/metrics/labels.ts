import { HANDLED_EVENT_TYPES } from '../billing/handled-events.js';
import { FAILURE_CODES } from '../spells/runtime/protocol.js';

/**
 * The label values each labelled counter starts at zero with. A counter that has never moved
 * would otherwise be absent from the scrape, and `rate(...) > 0` alerts and dashboards would
 * show "no data" instead of 0 until the first incident.
 */
export const KNOWN_LABELS = {
  castStatus: ['succeeded', 'failed'],
  castFailureCode: FAILURE_CODES,
  /** `user` and `ip` are the general limits; the others are the named per-IP limits. */
  rateLimitScope: ['user', 'ip', 'login', 'license_claim'],
  redisOperation: ['connection', 'rate_limit', 'login_throttle'],
  stripeEventType: HANDLED_EVENT_TYPES,
  stripeResult: ['processed', 'duplicate', 'ignored', 'failed'],
  meterResult: ['sent', 'failed'],
} as const;

/** Request methods get their own label; anything else (rare, and client-chosen) shares one. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The `route` label of requests no route matched, so scanners cannot mint new series. */
export const UNMATCHED_ROUTE = 'unmatched';
