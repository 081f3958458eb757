import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../src/billing/stripe-client.js';
import type { DatabaseHandle } from '../src/db/client.js';
import { creatorPayoutAccounts } from '../src/db/schema.js';
import { checkLedger } from '../src/ledger/checks.js';
import { accountBalance } from '../src/ledger/journal.js';
import { comparePayoutsWithStripe } from '../src/payouts/compare.js';
import { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, startStripeStandIn } from './helpers/billing.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { earn, payoutsOf, transfersTo } from './helpers/payouts.js';
import type { StripeStandIn } from './stand-ins/stripe.js';

/**
 * The payouts job killed (SIGKILL) in the one window that matters: Stripe has accepted a Transfer
 * and the job has not heard. The stand-in holds its answer so the window is certain, and forgets
 * its idempotency keys before the second run (as Stripe does after 24 hours), so only listing
 * Transfers by `transfer_group` can keep the second run from paying again. On PostgreSQL: the
 * killed process's open transaction must really be rolled back by the server.
 */
let database: TestDatabase | undefined;
let handle: DatabaseHandle;
let standIn: StripeStandIn;
let stripe: Stripe;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  database = await createTestDatabase();
  handle = await database.open();
  standIn = await startStripeStandIn();
  stripe = createStripeClient({ secretKey: STRIPE_SECRET_KEY, apiBaseUrl: standIn.url } as Parameters<typeof createStripeClient>[0]);
});
afterAll(async () => {
  if (!database) return;
  await handle.close();
  await database.drop();
  await standIn.close();
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/** `spell batch payouts` as its own process; `kill` ends it at once. */
function startPayouts(): { done: Promise<Run>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'batch', 'payouts'], {
    env: {
      PATH: process.env.PATH ?? '',
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'spell-config-')),
      LOG_LEVEL: 'warn',
      DATABASE_URL: database?.url ?? '',
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: standIn.url,
      PAYOUT_MINIMUM_CENTS: '500',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const done = new Promise<Run>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { done, kill: () => child.kill('SIGKILL') };
}

/** A creator whose Connect account finished onboarding, with `cents` of earnings past their hold. */
async function creatorWithEarnings(cents: number): Promise<{ tenantId: string; accountId: string }> {
  const tenantId = randomUUID();
  const account = await stripe.accounts.create({ type: 'express', metadata: { tenant_id: tenantId } });
  const standInAccount = standIn.connect.accounts.get(account.id);
  if (standInAccount) Object.assign(standInAccount, { payouts_enabled: true, details_submitted: true });
  await handle.db.insert(creatorPayoutAccounts).values({ tenantId, stripeAccountId: account.id, payoutsEnabled: true, detailsSubmitted: true });
  await earn(handle.db, tenantId, cents);
  return { tenantId, accountId: account.id };
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))]);

describe.skipIf(!process.env.DATABASE_URL)('payouts.crash', () => {
  it('killed while Stripe holds the answer to an accepted Transfer, the next run records that Transfer and pays everyone exactly once', async () => {
    const creators = [await creatorWithEarnings(1_250), await creatorWithEarnings(700), await creatorWithEarnings(5_005)];

    const held = standIn.holdTransferAnswers();
    const first = startPayouts();
    const transfer = await within(held, 90_000, 'a Transfer');
    first.kill();
    expect((await first.done).signal).toBe('SIGKILL');
    standIn.releaseTransferAnswers();
    standIn.forgetIdempotencyKeys();

    // What the kill left: one Transfer at Stripe whose payout we hold as pending, its money in transit.
    const victim = creators.find((creator) => creator.accountId === transfer.destination);
    if (!victim) throw new Error('the held Transfer went to nobody we know');
    expect((await payoutsOf(handle.db, victim.tenantId)).map((row) => row.status)).toEqual(['pending']);
    expect(await accountBalance(handle.db, { kind: 'payouts_in_transit' })).toBe(transfer.amount);

    const second = await within(startPayouts().done, 90_000, 'the second run');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('found at Stripe, recorded now');

    for (const creator of creators) {
      const transfers = transfersTo(standIn, creator.accountId);
      const payouts = await payoutsOf(handle.db, creator.tenantId);
      expect(transfers).toHaveLength(1);
      expect(payouts).toHaveLength(1);
      expect(payouts[0]).toMatchObject({ status: 'paid', stripeTransferId: transfers[0]?.id, amountCents: transfers[0]?.amount });
      expect(await accountBalance(handle.db, { kind: 'creator_payable', tenantId: creator.tenantId })).toBe(0);
    }
    expect(transfersTo(standIn, victim.accountId)[0]?.id).toBe(transfer.id);
    expect(await accountBalance(handle.db, { kind: 'payouts_in_transit' })).toBe(0);
    expect(await checkLedger(handle.db)).toEqual([]);
    expect(await comparePayoutsWithStripe({ db: handle.db, stripe })).toEqual([]);

    // And a third run has nothing to pay.
    const third = await within(startPayouts().done, 90_000, 'the third run');
    expect(third.code).toBe(0);
    expect(standIn.connect.transfers.size).toBe(3);
  }, 300_000);
});
