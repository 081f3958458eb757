import type { Config } from '../config.js';
import { assertMigrated } from '../db/migration-status.js';
import { closeServices, createServices, type Services } from '../services.js';
import { startCastWorker } from './cast-worker.js';
import { startReconciler } from './reconciler.js';

export interface RunningWorker {
  services: Services;
  close(): Promise<void>;
}

/**
 * `spell worker`: a process that only runs queued async casts (no HTTP server). It takes jobs
 * from BullMQ, so it needs `REDIS_URL` and a migrated PostgreSQL; it runs the reconciler too, so
 * a fleet of workers alone still fails interrupted and expired casts.
 */
export async function startWorkerProcess(config: Config): Promise<RunningWorker> {
  if (!config.redisUrl || !config.databaseUrl) {
    throw new Error('spell worker takes casts from a shared queue: set DATABASE_URL (PostgreSQL) and REDIS_URL; on the embedded database, spell serve runs casts itself');
  }
  const services = await createServices(config);
  try {
    await assertMigrated(services.database);
  } catch (error) {
    await closeServices(services);
    throw error;
  }
  const reconciler = startReconciler(services, config.castReconcileIntervalMs);
  const worker = await startCastWorker(services);
  let closing: Promise<void> | undefined;
  return {
    services,
    close: () => {
      closing ??= (async () => {
        reconciler.stop();
        await worker.stop();
        await closeServices(services);
      })();
      return closing;
    },
  };
}
