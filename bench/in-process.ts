/**
 * What the in-process benchmarks (operators, catalog) share: a database of their own (PGlite in
 * memory, or a fresh PostgreSQL database made from DATABASE_URL and dropped at the end), the app on
 * it, and a timer that prints p50 and p90.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { closeServices, createServices, type Services } from '../src/services.js';

export interface BenchApp {
  app: App;
  services: Services;
  /** Closes the app and drops the PostgreSQL database made for the run. */
  close(): Promise<void>;
}

export async function startBenchApp(env: Record<string, string>): Promise<BenchApp> {
  const adminUrl = process.env.DATABASE_URL;
  const name = `spell_bench_${randomBytes(4).toString('hex')}`;
  const withAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  let url: string | undefined;
  if (adminUrl) {
    await withAdmin(`create database ${name}`);
    const parsed = new URL(adminUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  }
  const database = await openDatabase({ url, dataDir: 'memory://' });
  await database.migrate();
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO_SPELL: 'false', ...env, ...(url ? { DATABASE_URL: url } : {}) });
  const services = await createServices(config, { database, logger: pino({ level: 'silent' }) });
  const app = await buildApp(services);
  return {
    app,
    services,
    async close() {
      await app.close();
      await closeServices(services);
      if (adminUrl) await withAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Runs `run` `times` times and prints its p50 and p90 in milliseconds. */
export async function timed(label: string, times: number, run: (round: number) => Promise<void>): Promise<void> {
  const samples: number[] = [];
  for (let round = 0; round < times; round += 1) {
    const start = process.hrtime.bigint();
    await run(round);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(1);
  console.log(`${label.padEnd(48)} p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  (${times} runs)`);
}
