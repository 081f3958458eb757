import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { billingAuditLogs, ledgerAccounts } from '../src/db/schema.js';
import { lastReconcileMismatches } from '../src/jobs/job-runs.js';
import { reconcileLedger, type StripeCheck } from '../src/jobs/reconcile.js';
import { runJob } from '../src/jobs/run-job.js';
import { runScheduledOccurrence } from '../src/jobs/scheduler.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { spell } from './helpers/cli.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let creator: SignedUp;
beforeAll(async () => {
  database = await createTestDatabase();
  first = await buildTestApp({ database });
  second = await buildTestApp({ database });
  creator = await signUp(first.app);
  const consumer = await signUp(first.app);
  await publish(first.app, creator, 'priced-echo', exampleSpell('echo'), { visibility: 'public', price_cents: 90 });
  for (let i = 0; i < 3; i += 1) {
    const response = await second.app.inject({ method: 'POST', url: '/v1/cast', headers: consumer.headers, payload: { spell: `${creator.handle}/priced-echo`, input: i } });
    expect(response.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

const deps = (t: TestApp) => ({ db: t.services.db, config: t.services.config, stripe: t.services.stripe, metrics: t.services.metrics });
const gauge = async (t: TestApp) => Number(/^spell_ledger_imbalance (\d+)/m.exec((await t.app.inject({ url: '/metrics' })).body)?.[1]);
const mismatchEntries = () => first.services.db.select().from(billingAuditLogs).where(eq(billingAuditLogs.action, 'ledger_mismatch'));
const pendingOfCreator = () => and(eq(ledgerAccounts.kind, 'creator_pending'), eq(ledgerAccounts.tenantId, creator.user.tenant_id));
const shiftPending = (cents: number) =>
  first.services.db.update(ledgerAccounts).set({ balanceCents: sql`${ledgerAccounts.balanceCents} + ${cents}` }).where(pendingOfCreator());

describe('jobs.reconcile', () => {
  it('finds a healthy ledger balanced: no audit entries, the gauge at 0 on every instance', async () => {
    const report = await runJob(deps(first), 'reconcile', { now: new Date(), dryRun: false, olderThanMs: 0 });
    expect(report).toMatchObject({ job: 'reconcile', changed: 0, mismatches: 0, lines: ['the ledger balances: no mismatches'] });
    expect(await mismatchEntries()).toHaveLength(0);
    expect(await gauge(first)).toBe(0);
    expect(await gauge(second)).toBe(0);
  });

  it('writes one ledger_mismatch audit entry per mismatch and sets the gauge, also on an instance that did not run it', async () => {
    await shiftPending(13);
    const dry = await runJob(deps(first), 'reconcile', { now: new Date(), dryRun: true, olderThanMs: 0 });
    expect(dry).toMatchObject({ dryRun: true, changed: 0, wouldChange: 2, mismatches: 2 });
    expect(await mismatchEntries()).toHaveLength(0);

    const outcome = await runScheduledOccurrence(first.services, 'reconcile', new Date('2026-06-01T03:00:00Z'), 'instance-a');
    expect(outcome).toMatchObject({ ran: true, report: { changed: 2, mismatches: 2 } });
    const lines = outcome.ran ? outcome.report.lines : [];
    expect(lines).toEqual([expect.stringMatching(/^mismatch account_balance: .*expected 216, found 229/), expect.stringMatching(/^mismatch creator_earnings: .*expected 216, found 229/)]);
    const entries = await mismatchEntries();
    expect(entries.map((entry) => [entry.actorType, entry.actorId, entry.tenantId, entry.targetType])).toEqual(
      expect.arrayContaining([
        ['system', 'reconcile', null, 'ledger_account'],
        ['system', 'reconcile', null, 'tenant'],
      ]),
    );
    expect(entries.find((entry) => entry.targetType === 'tenant')).toMatchObject({
      targetId: creator.user.tenant_id,
      after: { check: 'creator_earnings', tenant_id: creator.user.tenant_id, expected_cents: 216, found_cents: 229 },
    });
    expect(await gauge(first)).toBe(2);
    expect(await gauge(second)).toBe(2); // read from the run's record, not from this instance's memory

    // Repaired, the next run finds it balanced and the gauge falls back to 0 everywhere.
    await shiftPending(-13);
    await runScheduledOccurrence(second.services, 'reconcile', new Date('2026-06-02T03:00:00Z'), 'instance-b');
    expect(await gauge(first)).toBe(0);
    expect(await gauge(second)).toBe(0);
    expect(await mismatchEntries()).toHaveLength(2);
  });

  it('runs the Stripe checks only with billing on, and reports their mismatches with the ledger’s', async () => {
    const check: StripeCheck = async () => [
      { check: 'payout_transfer', subject: 'po_1', tenantId: creator.user.tenant_id, expectedCents: 500, foundCents: 0, detail: 'payout po_1 has no Transfer' },
    ];
    const off = await reconcileLedger(deps(first), { now: new Date(), dryRun: true }, [check]);
    expect(off).toMatchObject({ mismatches: 0, lines: ['the ledger balances: no mismatches'] });
    const on = await reconcileLedger({ ...deps(first), stripe: {} as Stripe }, { now: new Date(), dryRun: true }, [check]);
    expect(on).toMatchObject({ mismatches: 1, lines: ['mismatch payout_transfer: payout po_1 has no Transfer (expected 500, found 0)'] });
  });
});

describe('jobs.reconcile from the CLI', () => {
  let dataDir: string;
  let cliDatabase: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spell-reconcile-'));
    cliDatabase = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
    env = cliDatabase?.url ? { DATABASE_URL: cliDatabase.url } : { DATA_DIR: dataDir };
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await cliDatabase?.drop();
  });

  it('`spell batch reconcile [--dry-run]` prints its findings and records a real run for the gauge', async () => {
    const dry = await spell(['batch', 'reconcile', '--dry-run'], { env });
    expect(dry).toMatchObject({ code: 0, stdout: 'the ledger balances: no mismatches\nreconcile: dry run, nothing changed (0 would)\n' });
    const real = await spell(['batch', 'reconcile', '--json'], { env });
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ job: 'reconcile', dry_run: false, changed: 0, mismatches: 0 });
    const handle = await openDatabase({ url: cliDatabase?.url, dataDir });
    try {
      expect(await lastReconcileMismatches(handle.db)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
