import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Services } from '../services.js';

/** Failed sign-ins tolerated before an account refuses more attempts for a while. */
export interface LoginThrottleLimits {
  /** Failures from one IP against one account within the window. */
  perAccountIp: number;
  /** Failures from all IPs against one account within the window. */
  perAccount: number;
  windowMs: number;
}

export type LoginVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Whether a sign-in to `email` from `ip` may be tried now. */
  check(email: string, ip: string): Promise<LoginVerdict>;
  recordFailure(email: string, ip: string): Promise<void>;
  /** A right password from this IP clears that IP's failures against the account. */
  recordSuccess(email: string, ip: string): Promise<void>;
}

/** Where the failure counts live: Redis (shared by every instance) or this process. */
interface CounterStore {
  /** The count and the milliseconds until it resets (0 when there is none). */
  read(key: string): Promise<{ count: number; ttlMs: number }>;
  increment(key: string, windowMs: number): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Counts failed sign-ins per account (by the SHA-256 of its normalised email, so no address sits in
 * Redis) and per account and IP. An IP that has failed against an account is refused after
 * `perAccountIp` failures, or once the account as a whole has had `perAccount`; an IP with no
 * failure against it may always try. So guessing from many addresses gets one try per address
 * and window, while an attacker cannot lock the owner out: the owner's own address keeps its
 * tries, and every count ends with its window.
 */
export function createLoginThrottle(options: {
  limits: LoginThrottleLimits;
  redis: Redis | undefined;
  keyPrefix: string;
  clock: Clock;
  /** Told when Redis fails; the throttle then lets the attempt through. */
  onStoreError: (error: Error) => void;
}): LoginThrottle {
  const { limits } = options;
  const store = options.redis ? redisStore(options.redis) : memoryStore(options.clock);
  const keys = (email: string, ip: string) => {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return { account: `${options.keyPrefix}login:account:${account}`, pair: `${options.keyPrefix}login:account-ip:${account}:${ip}` };
  };
  const failOpen = async <T>(run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      options.onStoreError(error as Error);
      return fallback;
    }
  };

  return {
    check: (email, ip) =>
      failOpen<LoginVerdict>(async () => {
        const key = keys(email, ip);
        const [pair, account] = await Promise.all([store.read(key.pair), store.read(key.account)]);
        const blocked = pair.count >= limits.perAccountIp || (pair.count > 0 && account.count >= limits.perAccount);
        if (!blocked) return { ok: true };
        const ttlMs = pair.count >= limits.perAccountIp ? pair.ttlMs : Math.min(pair.ttlMs, account.ttlMs);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
      }, { ok: true }),
    recordFailure: (email, ip) =>
      failOpen(async () => {
        const key = keys(email, ip);
        await Promise.all([store.increment(key.pair, limits.windowMs), store.increment(key.account, limits.windowMs)]);
      }, undefined),
    recordSuccess: (email, ip) => failOpen(() => store.remove(keys(email, ip).pair), undefined),
  };
}

const throttles = new WeakMap<Services, LoginThrottle>();

/**
 * The one throttle of these services: sign-in and license claims with an existing account's email
 * both check a password, so they count failures in the same place.
 */
export function loginThrottleOf(services: Services): LoginThrottle {
  const known = throttles.get(services);
  if (known) return known;
  const { config, metrics, logger } = services;
  const throttle = createLoginThrottle({
    limits: config.loginThrottle,
    redis: services.redis,
    keyPrefix: config.redisKeyPrefix,
    clock: services.clock,
    onStoreError: (error) => {
      metrics.redisErrors.inc({ operation: 'login_throttle' });
      logger.warn({ err: error.message }, 'login throttle store failed; attempt let through');
    },
  });
  throttles.set(services, throttle);
  return throttle;
}

/** Throws `rate_limited` (with `Retry-After`) while `ip` may not try another password for `email`. */
export async function refuseThrottledSignIn(
  services: Services,
  attempt: { email: string; ip: string; reply: FastifyReply },
): Promise<void> {
  const verdict = await loginThrottleOf(services).check(attempt.email, attempt.ip);
  if (verdict.ok) return;
  services.metrics.rateLimited.inc({ scope: 'login' });
  attempt.reply.header('retry-after', verdict.retryAfterSeconds);
  throw new AppError('rate_limited', `Too many failed sign-ins to this account; retry in ${verdict.retryAfterSeconds} s.`, {
    retry_after_seconds: verdict.retryAfterSeconds,
  });
}

/** The window starts with the first failure (`SET … PX … NX`) and is not extended by later ones. */
function redisStore(redis: Redis): CounterStore {
  return {
    async read(key) {
      const [count, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
      return { count: Number(count ?? 0), ttlMs: Math.max(0, ttl) };
    },
    async increment(key, windowMs) {
      await redis.multi().set(key, 0, 'PX', windowMs, 'NX').incr(key).exec();
    },
    async remove(key) {
      await redis.del(key);
    },
  };
}

const MEMORY_KEYS_MAX = 100_000;

function memoryStore(clock: Clock): CounterStore {
  const counts = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const entry = counts.get(key);
    if (entry && entry.resetAt <= clock.now().getTime()) {
      counts.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async read(key) {
      const entry = live(key);
      return entry ? { count: entry.count, ttlMs: entry.resetAt - clock.now().getTime() } : { count: 0, ttlMs: 0 };
    },
    async increment(key, windowMs) {
      const entry = live(key);
      if (entry) {
        entry.count += 1;
        return;
      }
      // Oldest first: a flood of made-up accounts evicts its own entries before anyone else's.
      if (counts.size >= MEMORY_KEYS_MAX) counts.delete(counts.keys().next().value as string);
      counts.set(key, { count: 1, resetAt: clock.now().getTime() + windowMs });
    },
    async remove(key) {
      counts.delete(key);
    },
  };
}
