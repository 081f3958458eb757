import { writeAudit } from '../audit/audit-log.js';
import { checkLedger, type LedgerMismatch } from '../ledger/checks.js';
import { comparePayoutsWithStripe } from '../payouts/compare.js';
import type { JobDeps } from './run-job.js';
import type { JobContext, JobReport } from './types.js';

/**
 * A check against Stripe: what our records say was paid out, compared with what Stripe holds.
 * It reads through `deps.stripe` and the database itself (outside the ledger's snapshot: Stripe is
 * not in it anyway), and runs only with billing on.
 */
export type StripeCheck = (deps: JobDeps) => Promise<LedgerMismatch[]>;

/**
 * The Stripe checks reconciliation runs after the ledger's own: every payout against Stripe's
 * Transfers (a paid payout without its Transfer, a different amount or destination, a reversal we
 * did not record, a Transfer naming a payout we do not know or a payout's second Transfer).
 */
export const STRIPE_CHECKS: readonly StripeCheck[] = [(deps) => comparePayoutsWithStripe(deps)];

/** Where a mismatch points in the audit log's `target`. */
const TARGET_TYPE: Record<LedgerMismatch['check'], string> = {
  journal_unbalanced: 'ledger_journal',
  ledger_unbalanced: 'ledger',
  account_balance: 'ledger_account',
  creator_earnings: 'tenant',
  payouts_in_transit: 'ledger',
  payout_transfer: 'payout',
};

const describe = (mismatch: LedgerMismatch) => `mismatch ${mismatch.check}: ${mismatch.detail} (expected ${mismatch.expectedCents}, found ${mismatch.foundCents})`;

/**
 * Proves the books: `checkLedger` in one repeatable-read snapshot (so casts settling meanwhile
 * never look like a mismatch), then the Stripe checks. A real run writes one `ledger_mismatch`
 * audit entry per mismatch and sets `spell_ledger_imbalance` to how many it found (0 when the
 * books hold); the count is kept in the run's report, which every instance's gauge reads. A dry
 * run reports the same lines and writes nothing. `checks` replaces `STRIPE_CHECKS` (tests).
 */
export async function reconcileLedger(deps: JobDeps, context: JobContext, checks: readonly StripeCheck[] = STRIPE_CHECKS): Promise<JobReport> {
  const { db } = deps;
  const mismatches = await db.transaction((tx) => checkLedger(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  const lines: string[] = [];
  // With billing off nothing has gone through Stripe: there is nothing to compare.
  if (deps.stripe) for (const check of checks) mismatches.push(...(await check(deps)));
  lines.push(...mismatches.map(describe));
  if (mismatches.length === 0) lines.push('the ledger balances: no mismatches');
  if (context.dryRun) {
    return { job: 'reconcile', dryRun: true, changed: 0, wouldChange: mismatches.length, mismatches: mismatches.length, lines };
  }
  await db.transaction(async (tx) => {
    for (const mismatch of mismatches) {
      await writeAudit(tx, {
        action: 'ledger_mismatch',
        actor: { type: 'system', id: 'reconcile' },
        // Kept off the tenant's own audit log: reconciliation is the operators' business.
        tenantId: null,
        target: { type: TARGET_TYPE[mismatch.check], id: mismatch.subject },
        after: {
          check: mismatch.check,
          tenant_id: mismatch.tenantId,
          expected_cents: mismatch.expectedCents,
          found_cents: mismatch.foundCents,
          detail: mismatch.detail,
        },
        at: context.now,
      });
    }
  });
  deps.metrics?.ledgerImbalance.set(mismatches.length);
  return { job: 'reconcile', dryRun: false, changed: mismatches.length, wouldChange: 0, mismatches: mismatches.length, lines };
}
