#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadClientConfig, loadConfig, type ClientConfig } from '../config.js';
import { DatabaseInUseError, openDatabase } from '../db/client.js';
import { DatabaseNotMigratedError } from '../db/migration-status.js';
import { startServer } from '../server.js';
import { ApiError, castSpell, publishSpell } from './client.js';
import { registerOperatorCommands } from './operator-commands.js';

/** Client commands take --url/--key, falling back to SPELL_URL/SPELL_API_KEY. */
function clientConfig(options: { url?: string; key?: string }): ClientConfig {
  const config = loadClientConfig();
  return { url: options.url?.replace(/\/$/, '') ?? config.url, apiKey: options.key ?? config.apiKey };
}

function parseCents(value: string): number {
  const cents = Number(value);
  if (!Number.isInteger(cents) || cents < 0) throw new Error('--price-cents must be a whole number ≥ 0');
  return cents;
}

const program = new Command()
  .name('spell')
  .description('Spell Platform: publish WebAssembly spells and cast them over HTTP.');

program
  .command('serve')
  .description('Run the HTTP server (PORT, DATABASE_URL, REDIS_URL, … from the environment)')
  .action(async () => {
    const server = await startServer(loadConfig());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.services.logger.info({ signal }, 'shutting down');
        void server.close().then(() => process.exit(0));
      });
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations (PGlite under DATA_DIR, or DATABASE_URL)')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    try {
      await database.migrate();
      console.log(`migrations applied (${database.kind})`);
    } finally {
      await database.close();
    }
  });

registerOperatorCommands(program);

program
  .command('publish')
  .description('Publish a .wasm file as a new version of a spell (creating the spell if needed)')
  .argument('<name>', 'spell name')
  .argument('<file>', 'path to the .wasm module')
  .option('--price-cents <n>', 'price per cast in cents', parseCents)
  .option('--public', 'list the spell in the public catalog')
  .option('--url <url>', 'server URL (default $SPELL_URL or http://localhost:8080)')
  .option('--key <key>', 'API key (default $SPELL_API_KEY)')
  .action(async (name: string, file: string, options: { priceCents?: number; public?: boolean; url?: string; key?: string }) => {
    const version = await publishSpell(clientConfig(options), {
      name,
      file,
      priceCents: options.priceCents,
      visibility: options.public ? 'public' : undefined,
    });
    console.log(JSON.stringify(version, null, 2));
  });

program
  .command('cast')
  .description('Cast a spell and print its output')
  .argument('<spell>', 'name or name@version')
  .option('--input <json>', 'the input, as JSON', 'null')
  .option('--url <url>', 'server URL (default $SPELL_URL or http://localhost:8080)')
  .option('--key <key>', 'API key (default $SPELL_API_KEY)')
  .action(async (spell: string, options: { input: string; url?: string; key?: string }) => {
    let input: unknown;
    try {
      input = JSON.parse(options.input);
    } catch {
      throw new Error('--input must be valid JSON');
    }
    console.log(JSON.stringify(await castSpell(clientConfig(options), { spell, input }), null, 2));
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  if (error instanceof ApiError || error instanceof DatabaseInUseError || error instanceof DatabaseNotMigratedError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
