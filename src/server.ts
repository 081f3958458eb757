import { createBootstrapAdminToken } from './admin/bootstrap-token.js';
import { buildApp, type App } from './app.js';
import type { Config } from './config.js';
import { closeServices, createServices, type ServiceOverrides, type Services } from './services.js';
import { startMeterDispatcher } from './billing/meter.js';
import { assertMigrated } from './db/migration-status.js';
import { startReconciler } from './casts/reconciler.js';
import { startCastWorker } from './casts/cast-worker.js';
import { startJobScheduler } from './jobs/scheduler.js';
import { seedDemoSpell } from './spells/demo.js';
import { startWebhookDispatcher } from './webhooks/dispatcher.js';

export interface RunningServer {
  app: App;
  services: Services;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the services, applies migrations on the embedded database (on PostgreSQL that is
 * `spell migrate`'s job, run once per deploy, and a database it has not brought up to date stops
 * the start with a `DatabaseNotMigratedError` saying so), seeds the demo spell and (embedded, first
 * start) an admin token, and listens.
 */
export async function startServer(config: Config, overrides: ServiceOverrides = {}): Promise<RunningServer> {
  const services = await createServices(config, overrides);
  try {
    if (services.database.kind === 'pglite') await services.database.migrate();
    else await assertMigrated(services.database);
  } catch (error) {
    await closeServices(services);
    throw error;
  }
  if (config.spells.seedDemo) await seedDemoSpell(services);
  await createBootstrapAdminToken(services);
  const app = await buildApp(services);
  const url = await app.listen({ host: config.host, port: config.port });
  const reconciler = startReconciler(services, config.castReconcileIntervalMs);
  const meter = startMeterDispatcher(services);
  const jobs = startJobScheduler(services);
  const webhooks = startWebhookDispatcher(services);
  const worker = config.asyncCasts.inProcessWorker ? await startCastWorker(services) : undefined;
  if (!worker && !config.redisUrl) {
    services.logger.warn('SPELL_IN_PROCESS_WORKER=false without REDIS_URL: no worker can take async casts, so they wait until CAST_QUEUE_TTL_MS and expire');
  }
  services.logger.info(
    { url, database: services.database.kind, redis: services.redis ? 'on' : 'off (in-process rate limits)', billing: services.stripe ? 'on' : 'off' },
    'Spell Platform is listening',
  );
  let closing: Promise<void> | undefined;
  return {
    app,
    services,
    url,
    close: () => {
      closing ??= (async () => {
        reconciler.stop();
        meter.stop();
        jobs.stop();
        webhooks.stop();
        await worker?.stop();
        await app.close();
        await closeServices(services);
      })();
      return closing;
    },
  };
}
