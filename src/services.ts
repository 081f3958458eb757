import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import { createStripeClient } from './billing/stripe-client.js';
import { createBullmqQueue } from './casts/queue/bullmq-queue.js';
import type { CastQueue } from './casts/queue/cast-queue.js';
import { createInProcessQueue } from './casts/queue/in-process-queue.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type DatabaseHandle } from './db/client.js';
import { systemClock, type Clock } from './lib/clock.js';
import { statfsProbe, type DiskProbe } from './lib/disk.js';
import { openRedis } from './lib/redis.js';
import { HANDLED_EVENT_TYPES } from './billing/handled-events.js';
import { CONNECT_EVENT_TYPES } from './payouts/connect-events.js';
import { lastReconcileMismatches } from './jobs/job-runs.js';
import { createMetrics, type Metrics } from './metrics/registry.js';
import { FAILURE_CODES } from './spells/runtime/protocol.js';
import { createSpellRuntime, type SpellRuntime } from './spells/runtime/index.js';
import { spellRuntimeOptions } from './spells/runtime-options.js';

/** Everything a route or a domain function may need, built once per process. */
export interface Services {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly db: Database;
  /** Absent when `REDIS_URL` is unset: rate limits are then kept in process. */
  readonly redis: Redis | undefined;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Free space under the embedded database's data directory; absent on PostgreSQL or in memory. */
  readonly disk: DiskProbe | undefined;
  readonly metrics: Metrics;
  /** The Stripe SDK; absent when billing is off (no `STRIPE_SECRET_KEY`/`STRIPE_WEBHOOK_SECRET`). */
  readonly stripe: Stripe | undefined;
  /** The worker pool that runs spells. */
  readonly runtime: SpellRuntime;
  /** Signs cookies (OAuth state, CSRF secret); random per process when not configured. */
  readonly cookieSecret: string;
  /** Where async casts wait for a worker: BullMQ on Redis when `REDIS_URL` is set, in process otherwise. */
  readonly castQueue: CastQueue;
}

export interface ServiceOverrides {
  clock?: Clock;
  logger?: Logger;
  /** Read free space from here instead of the data directory's file system (tests). */
  disk?: DiskProbe;
  /** Use this database instead of opening the configured one (tests). */
  database?: DatabaseHandle;
}

/** Log lines never carry credentials: these paths are replaced before a line is written. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'key',
];

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: { paths: redactedPaths, censor: '[redacted]' } });
}

/** Opens the database and Redis and builds the typed bag routes receive. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config);
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.databasePoolMax,
      onConnectionError: (error) => logger.warn({ err: error }, 'lost a database connection; the pool opens a new one on demand'),
    }));
  const metrics = createMetrics({
    connectionsInUse: () => database.connectionsInUse(),
    knownLabels: { castFailureCode: FAILURE_CODES, stripeEventType: [...HANDLED_EVENT_TYPES, ...CONNECT_EVENT_TYPES] },
    ledgerImbalance: () => lastReconcileMismatches(database.db),
  });
  const redis = config.redisUrl ? await openRedis(config.redisUrl, { logger, metrics }) : undefined;
  if (!config.stripe) {
    logger.warn('STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET is not set; billing is off (casting works, billing routes answer 503)');
  }
  if (config.trustProxy === true && (config.admin.ipAllowlist || config.env === 'production')) {
    logger.warn('TRUST_PROXY=true believes any X-Forwarded-For a client sends (IP allow-list and per-IP limits can be dodged); set the number of proxy hops (e.g. TRUST_PROXY=1) or the proxies\' addresses');
  }
  if (config.sessionSecret === undefined) {
    logger.warn('SESSION_SECRET is not set; using a random one (OAuth sign-ins in flight do not survive a restart)');
  }
  return {
    config,
    database,
    db: database.db,
    redis,
    logger,
    clock: overrides.clock ?? systemClock,
    // A database handed in (tests) lives wherever its opener put it, so only the configured one is probed.
    disk: overrides.disk ?? (!overrides.database && database.kind === 'pglite' && config.dataDir !== 'memory://' ? statfsProbe(config.dataDir) : undefined),
    metrics,
    stripe: config.stripe ? createStripeClient(config.stripe) : undefined,
    runtime: createSpellRuntime(spellRuntimeOptions(config.spells)),
    cookieSecret: config.sessionSecret ?? randomBytes(32).toString('base64url'),
    castQueue: config.redisUrl ? createBullmqQueue({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix, logger }) : createInProcessQueue(),
  };
}

export async function closeServices(services: Services): Promise<void> {
  await services.castQueue.stop();
  await services.runtime.close();
  services.redis?.disconnect();
  await services.database.close();
}
