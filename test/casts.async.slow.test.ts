import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { exampleSpell } from './helpers/spells.js';
import { api, startServerProcess, startWorkerProcess, type ServerProcess } from './helpers/server-process.js';

/** The fleet needs a shared database and queue: PostgreSQL and Redis, like the other multi-process suites. */
const fleet = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const PRICE = 3;
const TENANTS = 5;
const PER_TENANT = 100;

let database: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  if (!fleet) return;
  database = await createTestDatabase();
  env = {
    DATABASE_URL: String(database.url),
    REDIS_URL: String(process.env.REDIS_URL),
    REDIS_KEY_PREFIX: `async-slow:${Date.now()}:`,
    SEED_DEMO_SPELL: 'false',
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_ANON_PER_MINUTE: '1000000',
    // A claimed cast may wait its turn in the spell pool on a loaded machine: the grace covers that,
    // short enough that the killed worker's cast is failed within seconds.
    CAST_EXPIRY_GRACE_MS: '3000',
    CAST_RECONCILE_INTERVAL_MS: '200',
    CAST_WORKER_CONCURRENCY: '4',
  };
});
afterAll(async () => {
  await database?.drop();
});


async function until(condition: () => Promise<boolean>, ms = 180_000): Promise<void> {
  for (const started = Date.now(); !(await condition()); ) {
    if (Date.now() - started > ms) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function register(server: ServerProcess, name: string): Promise<string> {
  const { body } = await api<{ token: string }>(server, '/v1/auth/register', { method: 'POST', json: { email: `${name}-${Date.now()}@example.com`, password: 'async fleet password' } });
  return body.token;
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database?.url ?? '' });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!fleet)('casts.async.slow', () => {
  it('500 async casts from several tenants across two API instances and two workers each succeed exactly once, budgets exact; a worker killed mid-cast leaves one final state, no double charge', async () => {
    const apiEnv = { ...env, SPELL_IN_PROCESS_WORKER: 'false' };
    const apis = [await startServerProcess(apiEnv), await startServerProcess(apiEnv)];
    const workers = [await startWorkerProcess(env), await startWorkerProcess(env)];
    try {
      const [first, second] = apis as [ServerProcess, ServerProcess];
      const creator = await register(first, 'creator');
      const { body: me } = await api<{ tenant: { handle: string } }>(first, '/v1/me', { token: creator });
      const handle = me.tenant.handle;
      await api(first, '/v1/spells', { method: 'POST', token: creator, json: { name: 'echo', price_cents: PRICE, visibility: 'public' } });
      await api(first, '/v1/spells/echo/versions', { method: 'POST', token: creator, wasm: exampleSpell('echo') });
      await api(first, '/v1/spells', { method: 'POST', token: creator, json: { name: 'loop', price_cents: PRICE, visibility: 'public' } });
      await api(first, '/v1/spells/loop/versions', { method: 'POST', token: creator, wasm: exampleSpell('infinite-loop') });

      const consumers: string[] = [];
      for (let i = 0; i < TENANTS; i++) {
        const token = await register(first, `consumer${i}`);
        await api(first, '/v1/budgets', { method: 'POST', token, json: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: PER_TENANT * PRICE } });
        consumers.push(token);
      }
      // Every tenant queues its casts, alternating between the two API instances, a few at a time.
      const ids: string[] = [];
      await Promise.all(
        consumers.map(async (token, tenant) => {
          for (let i = 0; i < PER_TENANT; i += 10) {
            const batch = await Promise.all(
              Array.from({ length: 10 }, (_, j) =>
                api<{ cast_id: string }>((i + j) % 2 === 0 ? first : second, '/v1/casts', { method: 'POST', token, json: { spell: `${handle}/echo`, input: { tenant, n: i + j } } }),
              ),
            );
            for (const response of batch) {
              expect(response.status).toBe(202);
              ids.push(response.body.cast_id);
            }
          }
        }),
      );
      expect(ids).toHaveLength(TENANTS * PER_TENANT);
      await until(async () => (await sql<{ n: string }>(`select count(*) as n from casts where mode = 'async' and status in ('queued', 'running')`))[0]?.n === '0');

      const rows = await sql<{ status: string; error_code: string | null; attempts: number; cost_cents: number; n: string }>(
        `select status, error_code, attempts, cost_cents, count(*) as n from casts where mode = 'async' group by status, error_code, attempts, cost_cents`,
      );
      expect(rows).toEqual([{ status: 'succeeded', error_code: null, attempts: 1, cost_cents: PRICE, n: String(TENANTS * PER_TENANT) }]);
      const splits = await sql<{ n: string; casts: string }>(`select count(*) as n, count(distinct cast_id) as casts from cast_splits`);
      expect(splits[0]).toEqual({ n: String(TENANTS * PER_TENANT), casts: String(TENANTS * PER_TENANT) });
      for (const token of consumers) {
        const { body: usage } = await api<{ used_cents: number; reserved_cents: number; casts: number }>(second, '/v1/budgets/usage', { token });
        expect(usage).toMatchObject({ used_cents: PER_TENANT * PRICE, reserved_cents: 0, casts: PER_TENANT });
      }
      const outputs = await sql<{ output: string }>(`select output from cast_results where cast_id = $1`, [ids[0]]);
      expect(outputs).toHaveLength(1);

      // kill -9 of a worker mid-cast: the cast ends failed as `interrupted`, at no cost, once.
      const victim = await register(first, 'victim');
      await api(first, '/v1/budgets', { method: 'POST', token: victim, json: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: 10 * PRICE } });
      await workers[1]?.kill('SIGTERM');
      const { body: queued } = await api<{ cast_id: string }>(first, '/v1/casts', { method: 'POST', token: victim, json: { spell: `${handle}/loop`, timeout_ms: 4_000 } });
      await until(async () => (await api<{ status: string }>(first, `/v1/casts/${queued.cast_id}`, { token: victim })).body.status === 'running', 60_000);
      await workers[0]?.kill('SIGKILL');
      workers.push(await startWorkerProcess(env));
      let final: { status: string; error_code: string | null; cost_cents: number | null } | undefined;
      await until(async () => {
        final = (await api<typeof final & object>(second, `/v1/casts/${queued.cast_id}`, { token: victim })).body;
        return final.status !== 'running';
      }, 60_000);
      expect(final).toMatchObject({ status: 'failed', error_code: 'interrupted', cost_cents: 0 });
      const { body: usage } = await api<{ used_cents: number; reserved_cents: number }>(first, '/v1/budgets/usage', { token: victim });
      expect(usage).toMatchObject({ used_cents: 0, reserved_cents: 0 });
      const [victimRow] = await sql<{ attempts: number; status: string }>(`select attempts, status from casts where id = $1`, [queued.cast_id]);
      expect(victimRow).toEqual({ attempts: 1, status: 'failed' });
      expect(await sql(`select 1 from cast_splits where cast_id = $1`, [queued.cast_id])).toHaveLength(0);
    } finally {
      await Promise.all([...apis, ...workers].map((child) => child.kill('SIGTERM')));
    }
  }, 600_000);
});
