#!/usr/bin/env node
// Measures what a newcomer waits for: `npm start` on a clean data directory until the first cast
// of the demo spell answers (cold), then a stop and `npm start` again on the same data (restart).
// Prints each phase's time and the server's own start-up log lines with their offsets.
// Usage: node scripts/measure-start.mjs [--port 18090] [--runs 1]
// It uses a fresh temporary DATA_DIR and never touches ./data. It does not remove any build
// output: run it right after `npm install` (or after deleting dist/ and the other build outputs) to
// measure a first start on a fresh clone.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { port: { type: 'string', default: '18090' }, runs: { type: 'string', default: '1' } } });
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'spell-measure-'));

const { fetch } = globalThis;

/** The server's own time for a log line (pino writes asynchronously, so arrival is later). */
function loggedAt(line, epoch) {
  try {
    const { time } = JSON.parse(line);
    return typeof time === 'number' ? time - epoch : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `npm start` in its own process group, so stopping it stops npm's child too. */
function start() {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const started = performance.now();
  const epoch = Date.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let buffered = '';
  const collect = (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) lines.push({ at: loggedAt(line, epoch) ?? performance.now() - started, line });
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  return { child, started, lines };
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

async function post(path, body, token) {
  const headers = { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) };
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/**
 * CPU seconds used so far by `npm start`'s process group (npm, the build check, the server and its
 * worker threads), read from /proc: unlike wall time, it hardly depends on what else the machine
 * is running. Undefined where there is no /proc.
 */
function cpuSeconds(group) {
  if (!existsSync('/proc/self/stat')) return undefined;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      // Fields after the command name (which may hold spaces): state is 3rd, pgrp 5th, utime 14th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) !== group) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ, 100 on Linux
}

/** Waits for /readyz, then registers (once) and casts spell/text-stats; returns the phase times. */
async function firstCast(run, token) {
  const { child, started, lines } = start();
  try {
    let ready;
    while (ready === undefined) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${lines.map((l) => l.line).join('\n')}`);
      try {
        if ((await fetch(`${base}/readyz`)).ok) ready = performance.now() - started;
      } catch {
        await sleep(50);
      }
    }
    if (!token) {
      const registered = await post('/v1/auth/register', { email: `measure-${Date.now()}@example.com`, password: 'measure start password' });
      token = registered.body.token;
    }
    const cast = await post('/v1/cast', { spell: 'spell/text-stats', input: { text: 'time to first cast' } }, token);
    const casted = performance.now() - started;
    const cpu = cpuSeconds(child.pid);
    if (cast.status !== 200) throw new Error(`cast answered ${cast.status}: ${JSON.stringify(cast.body)}`);
    return { run, ready, casted, cpu, token, lines };
  } finally {
    await stop(child);
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
function report({ run, ready, casted, cpu, lines }) {
  const cpuNote = cpu === undefined ? '' : ` (${cpu.toFixed(2)} s of CPU)`;
  console.log(`${run}: ready ${seconds(ready)}, first cast ${seconds(casted)}${cpuNote}`);
  for (const { at, line } of lines) {
    let text = line;
    try {
      text = JSON.parse(line).msg ?? line;
    } catch {
      // npm and the build scripts print plain lines
    }
    // The first start logs an admin token; this report is for sharing.
    console.log(`  ${seconds(at).padStart(8)}  ${text.replace(/spa_admin_[\w-]+/g, 'spa_admin_…').slice(0, 120)}`);
  }
}

console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
try {
  for (let i = 0; i < Number(values.runs); i += 1) {
    rmSync(dataDir, { recursive: true, force: true });
    const cold = await firstCast('cold (clean data dir)');
    report(cold);
    const restart = await firstCast('restart (same data dir)', cold.token);
    report(restart);
    console.log(`first cast: cold ${seconds(cold.casted)} (goal 10 s), restart ${seconds(restart.casted)} (goal 3 s)`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
