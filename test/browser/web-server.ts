import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase } from '../helpers/database.js';
import { billingEnv, startStripeStandIn } from '../helpers/billing.js';
import { freePort } from '../helpers/server-process.js';
import type { StripeStandIn } from '../stand-ins/stripe.js';

export interface WebServer {
  /** The server's own address, also its PUBLIC_URL (Checkout sends the browser back there). */
  url: string;
  server: RunningServer;
  /** Set when billing is on. */
  stripe: StripeStandIn | undefined;
  close(): Promise<void>;
}

/**
 * The real server, listening on a free loopback port with a fresh database (PGlite, or
 * PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set), the demo spell seeded and, with
 * `billing`, the local Stripe stand-in wired in as the tests of billing do.
 */
export async function startWebServer(options: { billing?: boolean; env?: Record<string, string> } = {}): Promise<WebServer> {
  const stripe = options.billing ? await startStripeStandIn() : undefined;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    SESSION_SECRET: 'browser-test-session-secret-0123456789abcdef',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_ANON_PER_MINUTE: '100000',
    RATE_LIMIT_LICENSE_CLAIM_PER_MINUTE: '1000',
    SEED_DEMO_SPELL: 'true',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    REDIS_KEY_PREFIX: `browser:${randomBytes(6).toString('hex')}:`,
    ...(stripe && billingEnv(stripe)),
    ...options.env,
  });
  const server = await startServer(config, { database: await database.open(), logger: pino({ level: 'silent' }) });
  if (stripe) {
    stripe.webhookUrl = `${url}/webhooks/stripe`;
    stripe.connectWebhookUrl = `${url}/webhooks/stripe/connect`;
  }
  return {
    url,
    server,
    stripe,
    async close() {
      await server.close();
      await database.drop();
      await stripe?.close();
    },
  };
}
