import type { Services } from '../services.js';
import { expireQueuedCasts } from './async-lifecycle.js';
import { emitCastFinalEvent } from './cast-events.js';
import { expireStaleCasts } from './lifecycle.js';

/**
 * Periodically fails casts left `running` by a process that died, and async casts queued past
 * their `queue_expires_at`, and releases their holds. Every
 * instance runs it; the UPDATE it is built on claims each row once, so overlapping runs are safe.
 */
export function startReconciler(services: Services, intervalMs = 30_000): { stop(): void } {
  const run = async () => {
    try {
      const expired = await expireStaleCasts(services.db, services.clock.now());
      if (expired > 0) services.logger.warn({ expired }, 'failed interrupted casts and released their budget holds');
      // Queued casts have their own expiry (CAST_QUEUE_TTL_MS); the crash check above never touches them.
      const waitedOut = await expireQueuedCasts(services.db, services.clock.now());
      for (const cast of waitedOut) emitCastFinalEvent(services, { castId: cast.id, tenantId: cast.tenantId, status: 'failed', errorCode: 'expired' });
      if (waitedOut.length > 0) services.logger.warn({ expired: waitedOut.length }, 'failed async casts queued past CAST_QUEUE_TTL_MS and released their holds');
    } catch (error) {
      services.logger.error({ err: error }, 'cast reconciler failed; retrying at the next tick');
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
