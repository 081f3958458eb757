import { releaseHeldEarnings } from '../ledger/earnings.js';
import { enabledCreatorBalances, findPayableCreators, findPendingPayouts, releasableEarnings } from '../payouts/payable.js';
import { createPayout } from '../payouts/payout-records.js';
import { settlePayout, type TransferOutcome } from '../payouts/transfers.js';
import type { JobDeps } from './run-job.js';
import type { JobContext, JobReport } from './types.js';

/** Cents as the amount people read: `1234`, `usd` → `12.34 USD`. */
const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;

/**
 * `spell batch payouts`: pays creators their payable balance through Stripe Transfers, never twice.
 * 1. Held earnings past `PAYOUT_HOLD_DAYS` become payable.
 * 2. Every payout left `pending` by an earlier run is settled: its Transfer is looked up by
 *    `transfer_group` (the payout id) and recorded, or made again with the same idempotency key.
 * 3. Each creator with payouts enabled, nothing in flight and a payable balance of at least
 *    `PAYOUT_MINIMUM_CENTS` gets one payout of that whole balance: recorded with its ledger journal
 *    in one transaction (money to `payouts_in_transit`), then its Transfer is made.
 * Killed anywhere, the next run finishes what this one started. Billing off: nothing to do.
 */
export async function runPayouts(deps: JobDeps, context: JobContext): Promise<JobReport> {
  const { db, config, stripe, metrics } = deps;
  const report = (changed: number, wouldChange: number, lines: string[]): JobReport => ({ job: 'payouts', dryRun: context.dryRun, changed, wouldChange, lines });
  if (!stripe || !config.stripe) return report(0, 0, ['billing is off: earnings are book entries, nothing is paid out']);
  const { payoutMinimumCents: minimumCents, currency } = config.money;
  if (context.dryRun) return dryRun(deps, context, report);

  const lines: string[] = [];
  let changed = 0;
  const released = await releaseHeldEarnings(db, context.now);
  if (released.size > 0) {
    lines.push(`released ${sum(released)} cents of held earnings to ${released.size} creators`);
    changed += released.size;
  }
  const record = (outcome: TransferOutcome) => {
    if (outcome.result === 'skipped') return;
    const { payout } = outcome;
    const what = `payout ${payout.id} of ${money(payout.amountCents, payout.currency)} to tenant ${payout.tenantId} (${payout.stripeAccountId})`;
    if (outcome.result === 'paid') {
      metrics?.payouts.inc({ result: 'paid' });
      lines.push(`paid ${what}: transfer ${outcome.transferId}${outcome.recovered ? ' (found at Stripe, recorded now)' : ''}`);
      changed += 1;
    } else if (outcome.result === 'failed') {
      metrics?.payouts.inc({ result: 'failed' });
      lines.push(`failed ${what}: ${outcome.message}; the money is back on their balance`);
      changed += 1;
    } else {
      lines.push(`left pending ${what}: ${outcome.message}; the next run tries again`);
    }
  };
  const now = () => context.now;

  for (const payout of await findPendingPayouts(db)) record(await settlePayout(db, stripe, { payoutId: payout.id, fresh: false }, now));

  for (const creator of await findPayableCreators(db, minimumCents)) {
    const payout = await db.transaction((tx) =>
      createPayout(tx, { tenantId: creator.tenantId, minimumCents, currency, stripeAccountId: creator.stripeAccountId, now: context.now }),
    );
    if (!payout) continue;
    record(await settlePayout(db, stripe, { payoutId: payout.id, fresh: true }, now));
  }
  if (lines.length === 0) lines.push(`nothing to pay: no creator with payouts enabled has ${money(minimumCents, currency)} payable`);
  return report(changed, 0, lines);
}

/** What a run would do now, changing nothing: the earnings it would release, the payouts it would settle and make. */
async function dryRun(deps: JobDeps, context: JobContext, report: (changed: number, wouldChange: number, lines: string[]) => JobReport): Promise<JobReport> {
  const { db, config } = deps;
  const { payoutMinimumCents: minimumCents, currency } = config.money;
  const lines: string[] = [];
  const releasable = await releasableEarnings(db, context.now);
  if (releasable.size > 0) lines.push(`would release ${sum(releasable)} cents of held earnings to ${releasable.size} creators`);
  const pending = await findPendingPayouts(db);
  for (const payout of pending) {
    lines.push(`would settle pending payout ${payout.id} of ${money(payout.amountCents, payout.currency)} to tenant ${payout.tenantId}: find its Transfer at Stripe, or make it`);
  }
  let wouldPay = 0;
  for (const creator of await enabledCreatorBalances(db)) {
    const balance = creator.balanceCents + (releasable.get(creator.tenantId) ?? 0);
    if (balance <= 0 || balance < minimumCents) continue;
    wouldPay += 1;
    lines.push(`would pay ${money(balance, currency)} to tenant ${creator.tenantId}${creator.deleted ? ' (deleted)' : ''} (${creator.stripeAccountId})`);
  }
  if (lines.length === 0) lines.push(`nothing to pay: no creator with payouts enabled has ${money(minimumCents, currency)} payable`);
  return report(0, releasable.size + pending.length + wouldPay, lines);
}

const sum = (values: Map<string, number>) => [...values.values()].reduce((total, cents) => total + cents, 0);
