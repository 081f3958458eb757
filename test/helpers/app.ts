import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/lib/clock.js';
import type { DiskProbe } from '../../src/lib/disk.js';
import { closeServices, createServices, type Services } from '../../src/services.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: App;
  services: Services;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, as the server would read it. */
  env?: Record<string, string>;
  clock?: Clock;
  /** Free space as the app sees it (default: none probed, as for any database handed in). */
  disk?: DiskProbe;
  /** Share this database (a second instance of the same deployment). */
  database?: TestDatabase;
  /** Redis URL; defaults to REDIS_URL from the environment (unset → in-process limits). */
  redisUrl?: string | null;
  /** Redis key prefix; instances that must share limits pass the same one. */
  redisKeyPrefix?: string;
  /** The server's logger (default: silent). */
  logger?: Logger;
}

/**
 * Builds a real app on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set) and
 * Redis when REDIS_URL is set, with generous rate limits unless a test sets its own.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const redisUrl = options.redisUrl === undefined ? process.env.REDIS_URL : (options.redisUrl ?? undefined);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_ANON_PER_MINUTE: '100000',
    PUBLIC_URL: 'http://localhost:8080',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    REDIS_KEY_PREFIX: options.redisKeyPrefix ?? `test:${randomBytes(6).toString('hex')}:`,
    ...options.env,
  });
  const services = await createServices(config, {
    database: await database.open(),
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.disk ? { disk: options.disk } : {}),
  });
  const app = await buildApp(services);
  await app.ready();
  const ownsDatabase = options.database === undefined;
  return {
    app,
    services,
    database,
    async close() {
      await app.close();
      await closeServices(services);
      if (ownsDatabase) await database.drop();
    },
  };
}
