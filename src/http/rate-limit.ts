import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts the request against its caller's limit (the user when authenticated, else the
     * IP), sets the `RateLimit-*` headers and throws `rate_limited` past the limit.
     */
    enforceRateLimit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /**
     * A limit of its own for one sensitive route (license claims), `max` requests a minute per
     * client IP, kept apart from the general limits.
     */
    createIpLimit(name: string, max: number): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

type Check = ReturnType<FastifyInstance['createRateLimit']>;

const WINDOW_MS = 60_000;

/** The limiter's key: one bucket per user, or per client IP for anonymous requests. */
function limitKey(request: FastifyRequest): string {
  return request.auth ? `user:${request.auth.user.id}` : `ip:${request.ip}`;
}

/**
 * Rate limits on `@fastify/rate-limit`'s stores: Redis when configured (shared by every
 * instance), in process otherwise. A Redis failure lets the request through: the limiter
 * protects the service, and must not become the reason it is down.
 */
export const rateLimiting = fp<{ services: Services }>(
  async (app: FastifyInstance, { services }) => {
    const { config, metrics, logger } = services;
    // One limiter whose keys say what they count (`user:<id>`, `ip:<address>`, `license_claim:<address>`):
    // limiters made with options get a store child whose key prefix is built from route details
    // they do not have, so every limit shares the plugin's own store and settings instead.
    const ipLimits = new Map<string, number>();
    const scopes = new WeakMap<FastifyRequest, string>();
    const maxFor = (key: string): number => {
      const scope = key.slice(0, key.indexOf(':'));
      if (scope === 'user') return config.rateLimit.userPerMinute;
      return ipLimits.get(scope) ?? config.rateLimit.anonPerMinute;
    };
    await app.register(rateLimit, {
      global: false,
      keyGenerator: (request) => scopes.get(request) ?? limitKey(request),
      max: (_request, key) => maxFor(key),
      timeWindow: WINDOW_MS,
      skipOnError: false,
      ...(services.redis ? { redis: services.redis, nameSpace: `${config.redisKeyPrefix}rl:` } : {}),
    });
    const check = app.createRateLimit();
    let lastLogged = 0;

    /** Counts the request in its bucket; throws `rate_limited` past the limit. */
    const enforce = async (scope: string, request: FastifyRequest, reply: FastifyReply) => {
      let result: Awaited<ReturnType<Check>>;
      try {
        result = await check(request);
      } catch (error) {
        metrics.redisErrors.inc({ operation: 'rate_limit' });
        if (Date.now() - lastLogged > 10_000) {
          lastLogged = Date.now();
          logger.error({ err: (error as Error).message }, 'rate limit store failed; request let through');
        }
        return;
      }
      if (result.isAllowed) return;
      reply.header('ratelimit-limit', result.max);
      reply.header('ratelimit-remaining', result.remaining);
      reply.header('ratelimit-reset', result.ttlInSeconds);
      if (!result.isExceeded) return;
      metrics.rateLimited.inc({ scope });
      reply.header('retry-after', result.ttlInSeconds);
      throw new AppError('rate_limited', `Too many requests; retry in ${result.ttlInSeconds} s.`, {
        limit: result.max,
        window_seconds: WINDOW_MS / 1000,
        retry_after_seconds: result.ttlInSeconds,
      });
    };

    app.decorate('enforceRateLimit', (request: FastifyRequest, reply: FastifyReply) =>
      enforce(request.auth ? 'user' : 'ip', request, reply),
    );
    app.decorate('createIpLimit', (name: string, max: number) => {
      ipLimits.set(name, max);
      return async (request: FastifyRequest, reply: FastifyReply) => {
        scopes.set(request, `${name}:${request.ip}`);
        try {
          await enforce(name, request, reply);
        } finally {
          scopes.delete(request);
        }
      };
    });
  },
  { name: 'spell-rate-limiting' },
);
