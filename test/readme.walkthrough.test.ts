import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../src/admin/tokens.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { differences, findField, parseExpected, parseReadmeSteps } from './helpers/readme-steps.js';
import { freePort } from './helpers/server-process.js';

/**
 * The README's walk-through, followed to the letter: every `curl` of these sections, in order,
 * through bash and the real curl, against a server started here as `spell serve` on a fresh
 * database, with the variables the README sets taken from the answers before. Each answer must
 * have what its `# →` line shows, so the README cannot drift from the server again.
 */
const SECTIONS = ['A first walk-through with curl', 'Spells: publish and cast', 'Budgets and cost', 'Operators: admin API, license keys, tenants, audit log'];

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = parseReadmeSteps(readFileSync(join(root, 'README.md'), 'utf8'), SECTIONS);
const run = promisify(execFile);
const ADMIN_TOKEN = /spa_admin_[\w-]{43}/g;
// A server from source on a busy machine takes a while to start, and the walk-through is long.
const START_TIMEOUT_MS = 120_000;

interface Server {
  child: ChildProcess;
  port: number;
  /** Everything the server wrote to stdout (its log). */
  log: () => string;
  stop: () => Promise<void>;
}

let dataDir: string;
let database: TestDatabase | undefined;
let serverEnv: Record<string, string>;
let server: Server | undefined;

/** `spell serve` from source, as the README's reader runs it, but on a port of its own. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...serverEnv, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (let attempt = 0; attempt < START_TIMEOUT_MS / 100 && !exited(); attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exited()) throw new Error(`the server exited during start:\n${log}`);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, port, log: () => log, stop };
}

/** Runs one README command through bash with the variables set so far; curl adds the status. */
async function runCurl(command: string, port: number, variables: Record<string, string>) {
  const local = command.replaceAll('localhost:8080', `localhost:${port}`);
  const { stdout } = await run('bash', ['-c', `${local} -w '\\n%{http_code}'`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...variables },
  });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spell-readme-'));
  database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  serverEnv = database?.url
    ? { DATABASE_URL: database.url, ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `readme-${randomBytes(4).toString('hex')}:` }) }
    : { DATA_DIR: dataDir };
  server = await startServer();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('readme.walkthrough', () => {
  it('finds the walk-through in the README: its curls, the answers they show and the variables they set', () => {
    const curls = steps.filter((step) => step.kind === 'curl');
    expect(new Set(curls.map((step) => step.section))).toEqual(new Set(SECTIONS));
    expect(curls.length).toBeGreaterThanOrEqual(12);
    expect(steps.filter((step) => step.kind === 'set').map((step) => step.name)).toEqual(expect.arrayContaining(['TOKEN', 'KEY', 'ADMIN', 'LICENSE']));
  });

  it('answers every curl of the walk-through, in order, as the README shows', async () => {
    if (!server) throw new Error('no server');
    const { port } = server;
    // On PostgreSQL the server prints no admin token; the README's reader makes one with
    // `spell admin token create`, which is this.
    let adminTokenSource = database ? '' : readFileSync(join(dataDir, 'admin-token'), 'utf8');
    if (database) {
      const handle = await database.open();
      adminTokenSource += (await createAdminToken(handle.db, { name: 'readme', now: new Date() })).token;
      await handle.close();
    }
    const variables: Record<string, string> = {};
    let previous: unknown;
    for (const step of steps) {
      if (step.kind === 'set') {
        const prefix = step.placeholder.split('…')[0] ?? '';
        const value = step.field
          ? findField(previous, step.field)
          : prefix.startsWith('spa_admin_')
            ? adminTokenSource.match(ADMIN_TOKEN)?.[0]
            : undefined;
        expect(value, `${step.name}=${step.placeholder} (${step.section})`).toBeTypeOf('string');
        if (step.placeholder !== '…') expect(value?.startsWith(prefix), `${step.name} starts like ${step.placeholder}`).toBe(true);
        variables[step.name] = value ?? '';
        continue;
      }
      const { status, body } = await runCurl(step.command, port, variables);
      const where = `${step.section}: ${step.command.split('\n')[0]}`;
      previous = body === '' ? undefined : JSON.parse(body);
      // The answers name the server's own address, which is this test's port.
      const expected = step.expected && parseExpected(step.expected.text.replaceAll('localhost:8080', `localhost:${port}`));
      if (expected?.kind === 'status') {
        expect(status, where).toBe(expected.status);
        continue;
      }
      const shownError = expected?.pattern.type === 'object' && expected.pattern.keys.has('error');
      if (!shownError) expect(status, `${where} → ${body}`).toBeLessThan(300);
      if (expected) expect(differences(expected.pattern, previous), `${where} → ${body}`).toEqual([]);
    }
  }, START_TIMEOUT_MS);

  it('leaves an admin token in a file only its user reads on the embedded database’s first start only, never in the log', async () => {
    if (!server) throw new Error('no server');
    // No log line ever carries a token; PostgreSQL: `spell admin token create` works beside running servers.
    expect(server.log()).not.toMatch(ADMIN_TOKEN);
    const file = join(dataDir, 'admin-token');
    if (database) {
      expect(existsSync(file)).toBe(false);
      return;
    }
    expect(server.log()).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8').match(ADMIN_TOKEN) ?? [];
    expect(written).toHaveLength(1);
    rmSync(file);
    await server.stop();
    server = await startServer();
    expect(existsSync(file)).toBe(false);
    expect(server.log()).not.toMatch(ADMIN_TOKEN);
    const session = await fetch(`http://127.0.0.1:${server.port}/v1/admin/session`, { headers: { authorization: `Bearer ${written[0]}` } });
    expect(session.status).toBe(200);
  }, START_TIMEOUT_MS);
});
