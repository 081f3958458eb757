import Stripe from 'stripe';
import type { Config } from '../config.js';

export type StripeConfig = NonNullable<Config['stripe']>;

/**
 * The official Stripe SDK, pointed at `STRIPE_API_BASE_URL` when set (a local stand-in in tests
 * and on a laptop). Network errors and 409/429/5xx are retried by the SDK with the same
 * idempotency key.
 */
export function createStripeClient(config: StripeConfig): Stripe {
  const base = config.apiBaseUrl ? new URL(config.apiBaseUrl) : undefined;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    appInfo: { name: 'spell-platform' },
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
    }),
  });
}
