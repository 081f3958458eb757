/**
 * Cast throughput benchmark: starts the built server in its own process, then drives it over HTTP
 * with autocannon. Prints casts/s and latency for POST /v1/cast (the demo spell), the same server's
 * floor on a trivial route under the same load, and the runtime's per-cast overhead beside the
 * plug-in's in-process call time.
 *
 *   npm run bench                                  # embedded PGlite, in-process limits
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run bench   # PostgreSQL + Redis
 *   npm run bench -- --connections 64 --duration 15 --budget      # options
 *   npm run bench -- --noisy [--noisy-casts 4] [--connections 1]  # a victim's latency beside a noisy tenant
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run bench -- --async   # async casts, one and two workers
 *
 * With --noisy it measures one thing instead: the latency of a victim tenant's casts alone, then
 * while another tenant keeps `--noisy-casts` infinite-loop casts in flight (each ends at the
 * 2 s time limit and is sent again at once).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import createPlugin from '@extism/extism';
import pg from 'pg';
import { createSpellRuntime } from '../src/spells/runtime/index.js';
import { startNoisyTenant } from './noisy-tenant.js';
import { benchAsyncCasts } from './async-casts.js';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    port: { type: 'string', default: '18181' },
    budget: { type: 'boolean', default: false },
    noisy: { type: 'boolean', default: false },
    'noisy-casts': { type: 'string', default: '4' },
    async: { type: 'boolean', default: false },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const demoWasm = readFileSync(new URL('../spells/examples/build/text-stats.wasm', import.meta.url));
// With --budget the casts go to another creator's priced copy of the demo spell under a monthly
// budget, so every cast takes and settles a budget hold and writes its price to the ledger (the
// creator's share and the platform's; a creator's own casts would cost only the platform default).
const castInput = { text: 'The quick brown fox jumps over the lazy dog.' };
const castBody = JSON.stringify({ spell: 'spell/text-stats', input: castInput });

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `spell_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/cli/main.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_USER_PER_MINUTE: '1000000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // A fresh embedded database migrates and seeds first, which takes a while on a busy machine.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function load(path: string, key: string, method: 'GET' | 'POST', body?: string, seconds = duration): Promise<autocannon.Result> {
  return autocannon({
    url: `${base}${path}`,
    method,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body && { body }),
  });
}

/** The same work on this thread with no pool: instantiate the compiled module and call it. */
async function inProcessCallMs(iterations: number): Promise<number> {
  const module = await WebAssembly.compile(demoWasm);
  const input = JSON.stringify({ text: 'The quick brown fox jumps over the lazy dog.' });
  const once = async () => {
    const plugin = await createPlugin({ wasm: [{ module }] }, { useWasi: false, runInWorker: false });
    await plugin.call('cast', input);
    await plugin.close();
  };
  for (let i = 0; i < 200; i += 1) await once();
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) await once();
  return (performance.now() - started) / iterations;
}

async function poolCastMs(iterations: number): Promise<number> {
  const runtime = createSpellRuntime({ size: 1 });
  const request = {
    moduleHash: 'bench',
    loadModule: async () => demoWasm,
    functionName: 'cast',
    input: new TextEncoder().encode(JSON.stringify({ text: 'The quick brown fox jumps over the lazy dog.' })),
    limits: { timeoutMs: 2_000, memoryBytes: 64 * 1024 * 1024, outputBytes: 1024 * 1024 },
  };
  for (let i = 0; i < 200; i += 1) await runtime.run(request);
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) await runtime.run(request);
  const elapsed = performance.now() - started;
  await runtime.close();
  return elapsed / iterations;
}

const dataDir = mkdtempSync(join(tmpdir(), 'spell-bench-'));
const database = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
const mode = `${database ? 'PostgreSQL' : 'PGlite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process limits'}`;
if (database) {
  // On PostgreSQL, migrations are `spell migrate`'s job, as in production.
  const migrate = spawn(process.execPath, ['dist/cli/main.js', 'migrate'], { env: { ...process.env, DATABASE_URL: database.url }, stdio: 'inherit' });
  await new Promise((resolve) => migrate.once('exit', resolve));
}
/** Signs up a tenant with an API key; `name` tells tenants apart in the e-mail. */
async function signUpTenant(name: string): Promise<{ token: string; key: string }> {
  const { token } = (await post('/v1/auth/register', { email: `${name}-${randomBytes(4).toString('hex')}@example.com`, password: 'benchmark password' })) as { token: string };
  const { key } = (await post('/v1/keys', { name }, token)) as { key: string };
  return { token, key };
}

async function upload(token: string, spell: string, wasm: Uint8Array): Promise<void> {
  const uploaded = await fetch(`${base}/v1/spells/${spell}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/wasm', authorization: `Bearer ${token}` },
    body: wasm,
  });
  if (!uploaded.ok) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
}

/** The victim's cast latency alone, then beside a tenant that keeps infinite loops in flight. */
async function benchNoisyTenant(): Promise<void> {
  const noisyCasts = Number(args['noisy-casts']);
  const victim = await signUpTenant('victim');
  const noisy = await signUpTenant('noisy');
  await post('/v1/spells', { name: 'spin' }, noisy.token);
  await upload(noisy.token, 'spin', readFileSync(new URL('../spells/examples/build/infinite-loop.wasm', import.meta.url)));
  await load('/v1/cast', victim.key, 'POST', castBody, 2); // warm-up: compiles the module in every worker
  const alone = await load('/v1/cast', victim.key, 'POST', castBody);
  const noise = startNoisyTenant(base, noisy.key, 'spin', noisyCasts);
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // let the loops fill the pool first
  const beside = await load('/v1/cast', victim.key, 'POST', castBody);
  const statuses = await noise.stop();

  const row = (name: string, result: autocannon.Result) =>
    `${name.padEnd(26)} p50 ${String(result.latency.p50).padStart(5)} ms   p99 ${String(result.latency.p99).padStart(5)} ms   max ${String(result.latency.max).padStart(5)} ms   ${result.requests.average.toFixed(0).padStart(6)} req/s   non-2xx ${result.non2xx}`;
  console.log(`\nVictim latency beside a noisy tenant (${mode}; ${availableParallelism()} CPUs, default pool; victim: ${connections} connections casting text-stats for ${duration} s)`);
  console.log(row('victim alone', alone));
  console.log(row(`victim + ${noisyCasts} infinite loops`, beside));
  console.log(`noisy tenant's casts: ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(', ')}`);
  console.log(`reproduce: ${database ? 'DATABASE_URL=… REDIS_URL=… ' : ''}npm run bench -- --noisy --noisy-casts ${noisyCasts} --connections ${connections} --duration ${duration}`);
}

/** Casts/s and latency of the demo spell, beside the server's floor and the pool's overhead. */
async function benchThroughput(): Promise<void> {
  const { token, key } = await signUpTenant('bench');
  let body = castBody;
  if (args.budget) {
    const creator = await signUpTenant('creator');
    await post('/v1/spells', { name: 'bench-stats', price_cents: 1, visibility: 'public' }, creator.token);
    await upload(creator.token, 'bench-stats', demoWasm);
    const me = (await (await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${creator.token}` } })).json()) as { tenant: { handle: string } };
    body = JSON.stringify({ spell: `${me.tenant.handle}/bench-stats`, input: castInput });
    await post('/v1/budgets', { period: 'monthly', soft_limit_cents: 1_000_000_000, hard_limit_cents: 1_000_000_000 }, token);
  }
  await load('/v1/cast', key, 'POST', body); // warm-up: compiles the module in every worker
  const floor = await load('/healthz', key, 'GET');
  const authFloor = await load('/v1/me', key, 'GET');
  const casts = await load('/v1/cast', key, 'POST', body);
  const callMs = await inProcessCallMs(2_000);
  const poolMs = await poolCastMs(2_000);

  const row = (name: string, result: autocannon.Result) =>
    `${name.padEnd(22)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx ${result.non2xx}`;
  console.log(`\nSpell Platform cast benchmark (${mode}${args.budget ? ', priced spell under a budget' : ''}; ${connections} connections, ${duration} s each)`);
  console.log(row('GET /healthz (floor)', floor));
  console.log(row('GET /v1/me (auth floor)', authFloor));
  console.log(row('POST /v1/cast', casts));
  console.log(`cast / auth floor throughput: ${(casts.requests.average / authFloor.requests.average).toFixed(2)}`);
  console.log(`text-stats instantiate + call on this thread: ${(callMs * 1000).toFixed(1)} µs; through the worker pool: ${(poolMs * 1000).toFixed(1)} µs (pool overhead ${((poolMs - callMs) * 1000).toFixed(1)} µs per cast)`);
  console.log(`reproduce: ${database ? 'DATABASE_URL=… REDIS_URL=… ' : ''}npm run bench -- --connections ${connections} --duration ${duration}${args.budget ? ' --budget' : ''}`);
}

if (args.async && (!database || !process.env.REDIS_URL)) throw new Error('--async measures spell worker processes: set DATABASE_URL and REDIS_URL');
// With --async the API server only queues; `spell worker` processes run the casts.
const asyncEnv = { REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString('hex')}:`, CAST_WORKER_CONCURRENCY: String(availableParallelism() * 2) };
const server = await startServer({
  DATA_DIR: dataDir,
  ...(database && { DATABASE_URL: database.url }),
  ...(args.async && { ...asyncEnv, SPELL_IN_PROCESS_WORKER: 'false' }),
});
try {
  if (args.async && database) {
    await benchAsyncCasts({ base, databaseUrl: database.url, env: { ...asyncEnv, DATABASE_URL: database.url }, post, signUpTenant, castBody });
  } else await (args.noisy ? benchNoisyTenant() : benchThroughput());
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
}
