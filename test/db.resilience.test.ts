import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReconciler } from '../src/casts/reconciler.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { assertMigrated, countPendingMigrations, DatabaseNotMigratedError } from '../src/db/migration-status.js';
import { budgetUsage, casts } from '../src/db/schema.js';
import { createManualClock } from '../src/lib/clock.js';
import { startServer } from '../src/server.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

const adminUrl = process.env.DATABASE_URL;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.runIf(adminUrl)('db.resilience', () => {
  const clock = createManualClock(new Date('2026-05-04T10:00:00Z'));
  let t: TestApp;
  let caster: SignedUp;
  // The spells are another tenant's: a creator's casts of their own spells cost only the platform default.
  let creator: SignedUp;
  let databaseName: string;
  let reconciler: { stop(): void };

  beforeAll(async () => {
    t = await buildTestApp({ clock, env: { SPELL_WORKERS: '2', CAST_EXPIRY_GRACE_MS: '1000' } });
    databaseName = new URL(t.database.url ?? '').pathname.slice(1);
    caster = await signUp(t.app);
    creator = await signUp(t.app);
    await publish(t.app, creator, 'echo', exampleSpell('echo'), { price_cents: 1, visibility: 'public' });
    const budget = await t.app.inject({
      method: 'POST',
      url: '/v1/budgets',
      headers: caster.headers,
      payload: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: 1_000_000 },
    });
    expect(budget.statusCode).toBe(201);
    // The reconciler runs all along, as on a server: its ticks fail while the backends are gone.
    reconciler = startReconciler(t.services, 25);
  });
  afterAll(async () => {
    reconciler.stop();
    await t.close();
  });

  const cast = (input: unknown) =>
    t.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: `${creator.handle}/echo`, input } });

  it('answers a request whose transaction loses its backend with 503 service_unavailable (database), then serves on', async () => {
    expect((await cast('first')).statusCode).toBe(200);
    await withClient(t.database.url ?? '', async (locker) => {
      // Hold the caster's budget row so the next cast's transaction waits on it: its backend is then
      // certainly inside an open transaction when it is terminated.
      await locker.query('begin');
      await locker.query('select * from budget_usage where tenant_id = $1 for update', [caster.user.tenant_id]);
      const pending = cast('blocked');
      const pid = await waitFor(async () => {
        const { rows } = await locker.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
          [databaseName],
        );
        return rows[0]?.pid;
      }, 'the cast to wait on the lock');
      await locker.query('select pg_terminate_backend($1)', [pid]);
      const response = await pending;
      await locker.query('rollback');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'service_unavailable', reason: 'database' });
    });

    const after = await cast('after');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ output: 'after' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ checks: { database: 'ok' } });
  });

  it('leaves a cast whose settle was cut off running until its expiry, when the reconciler fails it as interrupted at no cost', async () => {
    await publish(t.app, creator, 'spin', exampleSpell('infinite-loop'), { price_cents: 3, visibility: 'public' });
    const limited = await t.app.inject({ method: 'PATCH', url: '/v1/spells/spin', headers: creator.headers, payload: { timeout_ms: 1_000 } });
    expect(limited.statusCode).toBe(200);
    let castId = '';
    await withClient(t.database.url ?? '', async (locker) => {
      const pending = t.app.inject({ method: 'POST', url: '/v1/cast', headers: caster.headers, payload: { spell: `${creator.handle}/spin`, input: null } });
      // While the spell spins, its start is committed; hold the cast's row so the settle waits on it.
      castId = await waitFor(async () => {
        const { rows } = await locker.query<{ id: string }>(
          "select c.id from casts c join spells s on s.id = c.spell_id where s.name = 'spin' and c.status = 'running'",
        );
        return rows[0]?.id;
      }, 'the cast to start');
      await locker.query('begin');
      await locker.query('select * from casts where id = $1 for update', [castId]);
      const pid = await waitFor(async () => {
        const { rows } = await locker.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
          [databaseName],
        );
        return rows[0]?.pid;
      }, 'the settle to wait on the lock');
      await locker.query('select pg_terminate_backend($1)', [pid]);
      const response = await pending;
      await locker.query('rollback');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'service_unavailable', reason: 'database' });
    });

    const [held] = await t.services.db.select().from(casts).where(eq(casts.id, castId));
    expect(held).toMatchObject({ status: 'running', reservedCents: 3 });
    clock.advance(10 * 60_000);
    const expired = await waitFor(async () => {
      const [row] = await t.services.db.select().from(casts).where(eq(casts.id, castId));
      return row?.status === 'running' ? undefined : row;
    }, 'the reconciler to expire the cast');
    expect(expired).toMatchObject({ status: 'failed', errorCode: 'interrupted', costCents: 0 });
    const [usage] = await t.services.db.select().from(budgetUsage).where(eq(budgetUsage.tenantId, caster.user.tenant_id));
    expect(usage?.reservedCents).toBe(0);
  });

  it('survives every backend being terminated during a burst of casts; later casts succeed and none stays running past expiry', async () => {
    const burst = Array.from({ length: 60 }, (_, i) => cast(`burst ${i}`));
    let rounds = 0;
    await withClient(t.database.url ?? '', async (admin) => {
      // Strike once casts are under way, so some are cut off between start and settle.
      await waitFor(async () => {
        const { rows } = await admin.query<{ n: number }>("select count(*)::int as n from casts where status = 'running'");
        return (rows[0]?.n ?? 0) > 0 ? true : undefined;
      }, 'casts to be running');
      for (; rounds < 3; rounds += 1) {
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const responses = await Promise.all(burst);
    for (const response of responses) {
      if (response.statusCode === 200) continue;
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'service_unavailable', reason: 'database' });
    }

    for (let i = 0; i < 5; i += 1) expect((await cast(`later ${i}`)).statusCode).toBe(200);
    // No connection broken mid-transaction is still held: the pool gets all its slots back (the
    // reconciler's tick may hold one for a moment).
    await waitFor(async () => (t.services.database.connectionsInUse() === 0 ? true : undefined), 'every connection back in the pool');
    if (process.env.RESILIENCE_REPORT) {
      const failed = responses.filter((response) => response.statusCode !== 200).length;
      console.log(`burst: ${responses.length} casts, ${responses.length - failed} succeeded, ${failed} answered 503 (database), ${rounds} termination rounds`);
    }

    // Casts whose settle was cut off are still `running`; past their expiry the reconciler fails them.
    clock.advance(10 * 60_000);
    const rows = await waitFor(async () => {
      const all = await t.services.db.select().from(casts).where(eq(casts.tenantId, caster.user.tenant_id));
      return all.some((row) => row.status === 'running') ? undefined : all;
    }, 'the reconciler to expire running casts');
    expect(rows.filter((row) => row.status === 'succeeded').length).toBeGreaterThanOrEqual(7);
    for (const row of rows.filter((one) => one.status === 'failed')) {
      expect(row).toMatchObject({ errorCode: 'interrupted', costCents: 0 });
    }
    if (process.env.RESILIENCE_REPORT) {
      console.log(`after expiry: ${rows.filter((row) => row.errorCode === 'interrupted').length} of the caster's casts (all tests) failed as interrupted by the reconciler, none running`);
    }
    const [usage] = await t.services.db.select().from(budgetUsage).where(eq(budgetUsage.tenantId, caster.user.tenant_id));
    expect(usage?.reservedCents).toBe(0);
  });
});

describe.runIf(adminUrl)('db.unmigrated', () => {
  const name = `spell_empty_${randomBytes(6).toString('hex')}`;
  let url: string;
  beforeAll(async () => {
    await withClient(adminUrl ?? '', (client) => client.query(`create database ${name}`));
    const parsed = new URL(adminUrl ?? '');
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(() => withClient(adminUrl ?? '', (client) => client.query(`drop database if exists ${name} with (force)`)));

  it('refuses to start on a database without migrations, naming `spell migrate`', async () => {
    const database = await openDatabase({ url, dataDir: '' });
    try {
      const refused = await assertMigrated(database).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseNotMigratedError);
      expect((refused as Error).message).toContain('spell migrate');
    } finally {
      await database.close();
    }
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', SEED_DEMO_SPELL: 'false' });
    await expect(startServer(config)).rejects.toThrow(/run `spell migrate`/i);
  });

  it('starts once `spell migrate` has run', async () => {
    const database = await openDatabase({ url, dataDir: '' });
    try {
      await database.migrate();
      expect(await countPendingMigrations(database)).toBe(0);
      await expect(assertMigrated(database)).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
