import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startServerProcess } from './helpers/server-process.js';

const run = promisify(execFile);
let dataDir: string;
let database: TestDatabase | undefined;
let env: Record<string, string>;

/** `spell <args>` from source against this test's database (PGlite on disk, or PostgreSQL), or `database`. */
const spell = (args: string[], database: Record<string, string> = env) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...database } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spell-ops-'));
  database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  env = database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir };
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('cli.operator', () => {
  it('creates an admin token and a batch of license keys that the server then accepts', async () => {
    const created = await spell(['admin', 'token', 'create', '--name', 'night shift']);
    const token = created.stdout.trim();
    expect(token).toMatch(/^spa_admin_[\w-]{43}$/);
    expect(created.stderr).toContain('shown once');

    const generated = await spell(['license', 'generate', '--count', '3', '--memo', 'Spring sale, "early birds"']);
    const [header, ...rows] = generated.stdout.trim().split('\n');
    expect(header).toBe('key,id,batch_id,memo');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^SPELL-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{4},[0-9a-f-]{36},[0-9a-f-]{36},"Spring sale, ""early birds"""$/);

    const listed = await spell(['admin', 'token', 'list']);
    expect(listed.stdout).toContain('night shift');
    expect(listed.stdout).not.toContain(token);

    const server = await startServerProcess({ ...env, SEED_DEMO_SPELL: 'false', RATE_LIMIT_ANON_PER_MINUTE: '1000' });
    try {
      const session = await fetch(`${server.url}/v1/admin/session`, { headers: { authorization: `Bearer ${token}` } });
      expect(session.status).toBe(200);
      const key = rows[0]?.split(',')[0] ?? '';
      const claim = await fetch(`${server.url}/v1/public/license/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'buyer@example.com', password: 'a long enough password', display_name: 'Buyer', tenant_name: 'Buyer Ltd', license_key: key }),
      });
      expect(claim.status).toBe(201);
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('refuses to open the embedded database while a server has it open', async () => {
    // The embedded database in both CI passes: the lock is PGlite's concern, PostgreSQL has many writers.
    const embedded = { DATA_DIR: join(dataDir, 'locked') };
    const server = await startServerProcess({ ...embedded, SEED_DEMO_SPELL: 'false' });
    try {
      await expect(spell(['admin', 'token', 'create', '--name', 'second writer'], embedded)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`is open in another process (pid ${server.child.pid})`),
      });
    } finally {
      await server.kill('SIGTERM');
    }
    const afterwards = await spell(['admin', 'token', 'list'], embedded);
    expect(afterwards.stdout).not.toContain('second writer');
  });

  it('runs batch jobs, dry or not, and refuses unknown ones', async () => {
    const dry = await spell(['batch', 'grace-expiry', '--dry-run']);
    expect(dry.stdout).toContain('grace-expiry: dry run, nothing changed');
    const cleanup = await spell(['batch', 'webhook-cleanup', '--older-than', '7d']);
    expect(cleanup.stdout).toMatch(/deleted 0 webhook log rows received before/);
    await expect(spell(['batch', 'everything'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown job') });
    await expect(spell(['batch', 'webhook-cleanup', '--older-than', 'soon'])).rejects.toMatchObject({ code: 1 });
    await expect(spell(['batch', 'webhook-cleanup', '--older-than', '2d'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('at least 3d'),
    });
  });
});
