/**
 * Runs the Stripe stand-in on a laptop so the whole billing flow works without a Stripe account.
 *
 *   npm run stripe:stand-in                      # http://127.0.0.1:12111, webhooks → http://localhost:8080/webhooks/stripe
 *   PORT=3000 npm run stripe:stand-in            # the server runs on :3000: webhooks → http://localhost:3000/webhooks/stripe
 *   STAND_IN_PORT=12111 WEBHOOK_URL=… npm run stripe:stand-in
 *
 * Then start the server with the environment this prints. Checkout URLs open a page with a "Pay"
 * button; paying sends the signed events Stripe would send to WEBHOOK_URL. Connect onboarding links
 * open a page with a "Complete onboarding" button, which sends `account.updated` to
 * CONNECT_WEBHOOK_URL (default WEBHOOK_URL + `/connect`).
 */
import { StripeStandIn } from '../test/stand-ins/stripe.js';

const port = Number(process.env.STAND_IN_PORT ?? 12111);
// The same PORT the server is started with, so one `export PORT=…` serves both.
const webhookUrl = process.env.WEBHOOK_URL ?? `http://localhost:${process.env.PORT ?? 8080}/webhooks/stripe`;
const secretKey = 'sk_test_standin_local';
const webhookSecret = 'whsec_standin_local';
const connectWebhookSecret = 'whsec_connect_standin_local';
const connectWebhookUrl = process.env.CONNECT_WEBHOOK_URL ?? `${webhookUrl}/connect`;

const standIn = await new StripeStandIn({
  secretKey,
  webhookSecret,
  webhookUrl,
  connectWebhookSecret,
  connectWebhookUrl,
  port,
  prices: {
    price_plan_pro: { unitAmount: 1_500, recurring: true },
    price_credits_10: { unitAmount: 1_000, recurring: false },
    price_credits_50: { unitAmount: 5_000, recurring: false },
  },
}).start();

console.log(`Stripe stand-in on ${standIn.url}; webhooks go to ${webhookUrl}, Connect events to ${connectWebhookUrl}
Start the server with:

  ${process.env.PORT ? `PORT=${process.env.PORT} \\\n  ` : ''}STRIPE_SECRET_KEY=${secretKey} \\
  STRIPE_WEBHOOK_SECRET=${webhookSecret} \\
  STRIPE_CONNECT_WEBHOOK_SECRET=${connectWebhookSecret} \\
  STRIPE_API_BASE_URL=${standIn.url} \\
  STRIPE_PRICE_ID=price_plan_pro \\
  STRIPE_CREDIT_PACKS=price_credits_10:1000,price_credits_50:5500 \\
  npm start
`);

const stop = () => void standIn.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
