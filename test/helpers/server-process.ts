import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The real server in its own process (`spell serve` from source), for tests that kill it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  // Starting from source (tsx) takes a few seconds, and far longer on a loaded machine.
  let ready = false;
  for (const started = Date.now(); !ready && !exited() && Date.now() - started < 120_000; ) {
    ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exited()) throw new Error('server process exited during start');
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error('server process was not ready after 120 s');
  }
  return {
    url,
    child,
    kill: (signal) =>
      new Promise((resolve) => {
        if (exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A `spell worker` process from source; ready once it logs that it takes casts. */
export async function startWorkerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; kill(signal: NodeJS.Signals): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker process was not ready after 120 s')), 120_000);
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('cast worker started')) {
        clearTimeout(timer);
        resolve();
      }
      if (seen.length > 100_000) seen = seen.slice(-1000);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error('worker process exited during start'));
    });
  });
  child.stdout?.resume();
  return {
    child,
    kill: (signal) =>
      new Promise((resolve) => {
        if (exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** One JSON (or Wasm) request to a server process; the answer's status and parsed body. */
export async function api<T>(server: ServerProcess, path: string, init: { method?: string; token?: string; json?: unknown; wasm?: Uint8Array } = {}) {
  const headers: Record<string, string> = init.token ? { authorization: `Bearer ${init.token}` } : {};
  let body: string | Uint8Array | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.wasm) {
    headers['content-type'] = 'application/wasm';
    body = init.wasm;
  }
  const response = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, ...(body !== undefined && { body }) });
  return { status: response.status, body: (await response.json()) as T };
}
