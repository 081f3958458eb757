import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/lib/clock.js';
import { StripeStandIn } from '../stand-ins/stripe.js';
import { buildTestApp, type TestApp } from './app.js';

export const PLAN_PRICE = 'price_pro_monthly';
export const PACK_SMALL = 'price_credits_small';
export const PACK_LARGE = 'price_credits_large';
export const STRIPE_SECRET_KEY = 'sk_test_standin0123456789';
export const STRIPE_WEBHOOK_SECRET = 'whsec_standin0123456789';
export const STRIPE_CONNECT_WEBHOOK_SECRET = 'whsec_connect_standin0123456789';

export interface BillingTestApp extends TestApp {
  stripe: StripeStandIn;
  /** The app's own address (the stand-in delivers webhooks there). */
  url: string;
}

/** The local Stripe stand-in with the plan and two credit packs, listening on loopback. */
export function startStripeStandIn(): Promise<StripeStandIn> {
  return new StripeStandIn({
    secretKey: STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: STRIPE_CONNECT_WEBHOOK_SECRET,
    prices: {
      [PLAN_PRICE]: { unitAmount: 1_500, recurring: true },
      [PACK_SMALL]: { unitAmount: 1_000, recurring: false },
      [PACK_LARGE]: { unitAmount: 5_000, recurring: false },
    },
  }).start();
}

/** The billing environment pointing the app at `stripe`. */
export function billingEnv(stripe: StripeStandIn): Record<string, string> {
  return {
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET,
    STRIPE_PRICE_ID: PLAN_PRICE,
    STRIPE_CREDIT_PACKS: `${PACK_SMALL}:1000,${PACK_LARGE}:5500`,
    STRIPE_API_BASE_URL: stripe.url,
    METER_DISPATCH_INTERVAL_MS: '3600000',
  };
}

/**
 * A real app listening on loopback with billing on, talking to a Stripe stand-in through the
 * official SDK; the stand-in delivers signed webhooks to the app's `/webhooks/stripe` and Connect
 * events to `/webhooks/stripe/connect`.
 */
export async function buildBillingApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<BillingTestApp> {
  const stripe = await startStripeStandIn();
  const t = await buildTestApp({
    ...(options.clock && { clock: options.clock }),
    env: { ...billingEnv(stripe), ...options.env },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  stripe.webhookUrl = `${url}/webhooks/stripe`;
  stripe.connectWebhookUrl = `${url}/webhooks/stripe/connect`;
  return {
    ...t,
    stripe,
    url,
    async close() {
      await t.close();
      await stripe.close();
    },
  };
}
