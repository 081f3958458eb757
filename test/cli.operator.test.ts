import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { like } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { billingAuditLogs } from '../src/db/schema.js';
import { startServer } from '../src/server.js';
import { expectOneLineError, spell } from './helpers/cli.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

let dataDir: string;
let database: TestDatabase | undefined;
let env: Record<string, string>;

/** `spell <args>` in process, against this test's database (PGlite on disk, or PostgreSQL). */
const operator = (args: string[], databaseEnv: Record<string, string> = env) => spell(args, { env: databaseEnv });

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
    const created = await operator(['admin', 'token', 'create', '--name', 'night shift']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^spa_admin_[\w-]{43}$/);
    expect(created.stderr).toContain('shown once');

    const generated = await operator(['license', 'generate', '--count', '3', '--memo', 'Spring sale, "early birds"']);
    const [header, ...rows] = generated.stdout.trim().split('\n');
    expect(header).toBe('key,id,batch_id,memo');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^SPELL-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{4},[0-9a-f-]{36},[0-9a-f-]{36},"Spring sale, ""early birds"""$/);

    const listed = await operator(['admin', 'token', 'list']);
    expect(listed.stdout).toContain('night shift');
    expect(listed.stdout).not.toContain(token);

    const server = await startServer(
      loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_SPELL: 'false', RATE_LIMIT_ANON_PER_MINUTE: '1000' }),
    );
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
      await server.close();
    }
  }, 120_000);

  it('prints tokens and license keys as JSON with --json, never a token’s secret in a list', async () => {
    const created = JSON.parse((await operator(['admin', 'token', 'create', '--name', 'robot', '--json'])).stdout) as { id: string; token: string };
    expect(created).toMatchObject({ id: expect.any(String), name: 'robot', token: expect.stringMatching(/^spa_admin_/) });
    const listed = await operator(['admin', 'token', 'list', '--json']);
    const tokens = (JSON.parse(listed.stdout) as { tokens: { id: string; revoked_at: string | null }[] }).tokens;
    expect(tokens).toContainEqual(expect.objectContaining({ id: created.id, name: 'robot', revoked_at: null }));
    expect(listed.stdout).not.toContain(created.token);

    const batch = JSON.parse((await operator(['license', 'generate', '--count', '2', '--memo', 'json', '--json'])).stdout) as { keys: { key: string }[] };
    expect(batch).toMatchObject({ batch_id: expect.any(String), memo: 'json' });
    expect(batch.keys).toHaveLength(2);

    expect((await operator(['admin', 'token', 'revoke', created.id])).code).toBe(0);
    const again = await operator(['admin', 'token', 'revoke', created.id]);
    expect(again.code).toBe(1);
    expect(expectOneLineError(again)).toContain(`no active admin token ${created.id}`);
    const notAnId = await operator(['admin', 'token', 'revoke', 'robot']);
    expect(notAnId.code).toBe(2);
    expectOneLineError(notAnId);
  });

  it('refuses, in one line, to open the embedded database while another holder has it open', async () => {
    // The embedded database in both CI passes: the lock is PGlite's concern, PostgreSQL has many writers.
    const embedded = { DATA_DIR: join(dataDir, 'locked') };
    const holder = await openDatabase({ dataDir: embedded.DATA_DIR });
    try {
      const refused = await operator(['admin', 'token', 'create', '--name', 'second writer'], embedded);
      expect(refused.code).toBe(1);
      expect(expectOneLineError(refused)).toContain(`is open in another process (pid ${process.pid})`);
    } finally {
      await holder.close();
    }
    const afterwards = await operator(['admin', 'token', 'list'], embedded);
    expect(afterwards.code).toBe(0);
    expect(afterwards.stdout).not.toContain('second writer');
  }, 120_000);

  it('runs batch jobs, dry or not, and refuses unknown ones as usage errors', async () => {
    const dry = await operator(['batch', 'grace-expiry', '--dry-run']);
    expect(dry.stdout).toContain('grace-expiry: dry run, nothing changed');
    const cleanup = await operator(['batch', 'webhook-cleanup', '--older-than', '7d']);
    expect(cleanup.stdout).toMatch(/deleted 0 webhook log rows received before/);
    // Cast logs have no redelivery window to respect: a day is a valid age.
    const castLogs = await operator(['batch', 'cast-log-cleanup', '--dry-run', '--older-than', '1d']);
    expect(castLogs.code).toBe(0);
    expect(castLogs.stdout).toMatch(/^would delete the logs of 0 casts kept before /m);
    expect(castLogs.stdout).toContain('cast-log-cleanup: dry run, nothing changed (0 would)');
    const json = JSON.parse((await operator(['batch', 'grace-expiry', '--dry-run', '--json'])).stdout) as unknown;
    expect(json).toEqual({ job: 'grace-expiry', dry_run: true, changed: 0, would_change: 0, lines: [] });
    for (const [args, message] of [
      [['batch', 'everything'], 'unknown job'],
      [['batch', 'webhook-cleanup', '--older-than', 'soon'], 'must look like 30d'],
      [['batch', 'webhook-cleanup', '--older-than', '2d'], 'at least 3d'],
      [['batch', 'cast-log-cleanup', '--older-than', 'a week'], 'must look like 30d'],
      [['license', 'generate', '--count', '0', '--memo', 'none'], '--count must be a whole number from 1 to 1000'],
    ] as const) {
      const run = await operator([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('unpublishes and republishes a spell by owner/name, audited as the shell user', async () => {
    const server = await startServer(
      loadConfig({ ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_SPELL: 'false', RATE_LIMIT_ANON_PER_MINUTE: '1000' }),
    );
    let handle = '';
    try {
      const registered = await fetch(`${server.url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'maker@example.com', password: 'a long enough password', display_name: 'CLI Maker' }),
      });
      const body = (await registered.json()) as { token: string; tenant: { handle: string } };
      handle = body.tenant.handle;
      const created = await fetch(`${server.url}/v1/spells`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'loud', visibility: 'public' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await server.close();
    }
    const unpublished = await operator(['admin', 'spells', 'unpublish', `${handle}/loud`, '--reason', 'Reported for spam']);
    expect(unpublished).toMatchObject({ code: 0, stdout: `${handle}/loud unpublished: Reported for spam\n` });
    const again = await operator(['admin', 'spells', 'unpublish', `${handle}/loud`, '--reason', 'twice']);
    expect(again.code).toBe(1);
    expect(expectOneLineError(again)).toContain('already unpublished');
    const malformed = await operator(['admin', 'spells', 'unpublish', 'not a spell', '--reason', 'x']);
    expect(malformed.code).toBe(2);
    expect(expectOneLineError(malformed)).toContain('is not owner/name');
    expect((await operator(['admin', 'spells', 'republish', `${handle}/loud`])).stdout).toBe(`${handle}/loud republished\n`);
    expect((await operator(['admin', 'spells', 'republish', `${handle}/loud`])).code).toBe(1);

    const opened = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR ?? dataDir });
    try {
      const rows = await opened.db.select().from(billingAuditLogs).where(like(billingAuditLogs.action, 'spell_%')).orderBy(billingAuditLogs.createdAt);
      expect(rows.map((row) => row.action)).toEqual(['spell_unpublished', 'spell_republished']);
      for (const row of rows) expect(row).toMatchObject({ actorType: 'operator', actorId: expect.stringMatching(/^cli:/), after: expect.objectContaining({ name: 'loud' }) });
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('refuses a malformed environment variable with exit 78, naming it', async () => {
    const run = await operator(['admin', 'token', 'list'], { ...env, DATABASE_URL: 'mysql://nope' });
    expect(run.code).toBe(78);
    expect(expectOneLineError(run)).toContain('DATABASE_URL');
  });
});

// Only PostgreSQL can be unmigrated: the embedded database is migrated by every command that opens it.
describe.runIf(process.env.DATABASE_URL)('cli.operator on an unmigrated PostgreSQL database', () => {
  it('says to run `spell migrate` instead of failing mid-way, and works once it has', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = `spell_unmigrated_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(process.env.DATABASE_URL ?? '');
      url.pathname = `/${name}`;
      const fresh = { DATABASE_URL: url.toString() };
      const refused = await operator(['admin', 'token', 'create', '--name', 'too early'], fresh);
      expect(refused.code).toBe(1);
      expect(expectOneLineError(refused)).toMatch(/missing \d+ migrations.*Run `spell migrate`/);
      expect((await operator(['migrate'], fresh)).stdout).toContain('migrations applied (postgres)');
      const listed = await operator(['admin', 'token', 'list'], fresh);
      expect(listed).toMatchObject({ code: 0, stdout: '' });
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
