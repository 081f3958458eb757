import type { Services } from '../services.js';
import { expireStaleCasts } from './lifecycle.js';

/**
 * Periodically fails casts left `running` by a process that died and releases their holds. Every
 * instance runs it; the UPDATE it is built on claims each row once, so overlapping runs are safe.
 */
export function startReconciler(services: Services, intervalMs = 30_000): { stop(): void } {
  const run = async () => {
    try {
      const expired = await expireStaleCasts(services.db, services.clock.now());
      if (expired > 0) services.logger.warn({ expired }, 'failed interrupted casts and released their budget holds');
    } catch (error) {
      services.logger.error({ err: error }, 'cast reconciler failed; retrying at the next tick');
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
