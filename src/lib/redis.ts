import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/registry.js';

/**
 * Opens a Redis connection tuned for a cache that must never stall a request: commands fail
 * fast while disconnected (no offline queue, one retry, short timeout) and the client keeps
 * reconnecting in the background.
 */
export async function openRedis(url: string, deps: { logger: FastifyBaseLogger; metrics: Metrics }): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    deps.metrics.redisErrors.inc({ operation: 'connection' });
    // A dead Redis reports on every reconnect attempt; one line every 10 s is enough.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      deps.logger.warn({ err: error.message }, 'redis unavailable; rate limits fail open');
    }
  });
  try {
    await redis.connect();
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'redis not reachable at start; retrying in the background');
  }
  return redis;
}
