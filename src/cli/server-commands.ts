import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { line, type CliIo } from './io.js';

/** `spell serve`, `spell worker` and `spell migrate`: configured from the environment, like the server. */
export function registerServerCommands(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the HTTP server (PORT, DATABASE_URL, REDIS_URL, … from the environment)')
    .action(async () => {
      const config = loadConfig(io.env);
      // Imported here so that client commands start without the server's dependencies.
      const { startServer } = await import('../server.js');
      const server = await startServer(config);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          server.services.logger.info({ signal }, 'shutting down');
          void server.close().then(() => process.exit(0));
        });
      }
    });

  program
    .command('worker')
    .description('Run queued async casts only, no HTTP server (DATABASE_URL, REDIS_URL, CAST_WORKER_CONCURRENCY from the environment)')
    .action(async () => {
      const config = loadConfig(io.env);
      const { startWorkerProcess } = await import('../casts/worker-process.js');
      const worker = await startWorkerProcess(config);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          worker.services.logger.info({ signal }, 'worker shutting down after its running casts');
          void worker.close().then(() => process.exit(0));
        });
      }
    });

  program
    .command('migrate')
    .description('Apply pending database migrations (PGlite under DATA_DIR, or DATABASE_URL)')
    .action(async () => {
      const config = loadConfig(io.env);
      const { openDatabase } = await import('../db/client.js');
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        await database.migrate();
        line(io.stdout, `migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
    });
}
