import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

/** What the async bench needs from bench/cast.ts: the running API server (no in-process worker) and its helpers. */
export interface AsyncBenchContext {
  base: string;
  databaseUrl: string;
  env: Record<string, string>;
  post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>>;
  signUpTenant(name: string): Promise<{ token: string; key: string }>;
  castBody: string;
}

const BURST = 1_000;
const PACED = 200;
const PACE_MS = 10;

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/cli/main.js', 'worker'], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-10_000);
      if (seen.includes('cast worker started')) resolve(child);
    });
    child.once('exit', () => reject(new Error('worker exited during start')));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function waitDone(db: pg.Client, ids: string[]): Promise<{ created: Date; started: Date | null; finished: Date | null; status: string }[]> {
  for (;;) {
    const { rows } = await db.query<{ created: Date; started: Date | null; finished: Date | null; status: string }>(
      'select created_at as created, started_at as started, finished_at as finished, status from casts where id = any($1)',
      [ids],
    );
    if (rows.every((row) => row.status !== 'queued' && row.status !== 'running')) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Queues `count` casts, `parallel` requests at a time; returns their ids and the enqueue rate. */
async function burst(context: AsyncBenchContext, key: string, count: number, parallel = 32): Promise<{ ids: string[]; perSecond: number }> {
  const ids: string[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        const response = await fetch(`${context.base}/v1/casts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: context.castBody });
        if (response.status !== 202) throw new Error(`POST /v1/casts: ${response.status} ${await response.text()}`);
        ids.push(((await response.json()) as { cast_id: string }).cast_id);
      }
    }),
  );
  return { ids, perSecond: count / ((performance.now() - started) / 1000) };
}

/**
 * `npm run bench -- --async`: enqueue rate of `POST /v1/casts` (a burst queued while no worker
 * runs), worker throughput (fresh `spell worker` processes draining that burst), and end-to-end
 * latency (accepted → finished, from the cast rows) of paced casts, with one and with two workers
 * (BullMQ on Redis, PostgreSQL).
 */
export async function benchAsyncCasts(context: AsyncBenchContext): Promise<void> {
  const db = new pg.Client({ connectionString: context.databaseUrl });
  await db.connect();
  const { key } = await context.signUpTenant('async-bench');
  console.log(`\nAsync casts (PostgreSQL + Redis, BullMQ; text-stats; burst ${BURST}, paced ${PACED} at one per ${PACE_MS} ms)`);
  try {
    for (const count of [1, 2]) {
      // The burst is queued with no worker running (the enqueue rate alone), then drained by fresh workers.
      const queued = await burst(context, key, BURST);
      const workers: ChildProcess[] = [];
      try {
        const drainStart = Date.now();
        workers.push(...(await Promise.all(Array.from({ length: count }, () => startWorker(context.env)))));
        const ready = Date.now();
        const rows = await waitDone(db, queued.ids);
        const first = Math.min(...rows.map((row) => (row.started ?? row.created).getTime()));
        const last = Math.max(...rows.map((row) => (row.finished ?? row.created).getTime()));
        const throughput = BURST / ((last - first) / 1000);
        const failed = rows.filter((row) => row.status !== 'succeeded').length;

        const paced: string[] = [];
        for (let i = 0; i < PACED; i++) {
          paced.push(...(await burst(context, key, 1, 1)).ids);
          await new Promise((resolve) => setTimeout(resolve, PACE_MS));
        }
        const latencies = (await waitDone(db, paced)).map((row) => (row.finished ?? row.created).getTime() - row.created.getTime()).sort((a, b) => a - b);
        console.log(
          `${count} worker${count > 1 ? 's' : ' '}  enqueue ${queued.perSecond.toFixed(0).padStart(5)} casts/s   end-to-end p50 ${String(percentile(latencies, 0.5)).padStart(4)} ms   p99 ${String(percentile(latencies, 0.99)).padStart(5)} ms   throughput ${throughput.toFixed(0).padStart(5)} casts/s (first start → last finish of ${BURST}; workers ready in ${ready - drainStart} ms)   not succeeded ${failed}`,
        );
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
        await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once('exit', resolve)))));
      }
    }
    console.log('reproduce: DATABASE_URL=… REDIS_URL=… npm run bench -- --async');
  } finally {
    await db.end();
  }
}
