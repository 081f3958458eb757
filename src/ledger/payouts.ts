import type { DbOrTx } from '../db/client.js';
import { postJournal } from './journal.js';

/**
 * A payout's money in the ledger. Recording it moves the amount from the creator's payable to
 * `payouts_in_transit` (before the Transfer is made, so it cannot be paid twice); the Transfer's
 * outcome then moves it out through `external` (paid) or back to the creator (failed, reversed).
 * Each happens at most once per payout.
 */
interface PayoutMoney {
  payoutId: string;
  tenantId: string;
  amountCents: number;
  now: Date;
}

/** A payout asked for more than the creator's payable balance (which may be negative after a refund). */
export class PayoutExceedsPayableError extends Error {
  constructor(
    readonly tenantId: string,
    readonly amountCents: number,
    readonly payableCents: number,
  ) {
    super(`a payout of ${amountCents} cents exceeds creator ${tenantId}'s payable balance of ${payableCents} cents`);
    this.name = 'PayoutExceedsPayableError';
  }
}

/**
 * Records a payout's money once (false when it already was). The creator's payable balance must
 * cover it: a balance that is negative (a refund took back more than was left) or short is never
 * paid out, whatever the caller computed; the journal is then undone (a savepoint) and
 * `PayoutExceedsPayableError` thrown. Lock order: the payable account, as every posting takes it.
 */
export async function recordPayoutMoney(tx: DbOrTx, payout: PayoutMoney): Promise<boolean> {
  if (!Number.isSafeInteger(payout.amountCents) || payout.amountCents <= 0) throw new Error(`a payout is a positive number of cents: ${payout.amountCents}`);
  const payable = { kind: 'creator_payable' as const, tenantId: payout.tenantId };
  return tx.transaction(async (savepoint) => {
    const posted = await postJournal(
      savepoint,
      {
        kind: 'payout',
        payoutId: payout.payoutId,
        tenantId: payout.tenantId,
        now: payout.now,
        lines: [
          { account: payable, cents: -payout.amountCents },
          { account: { kind: 'payouts_in_transit' }, cents: payout.amountCents },
        ],
      },
      { account: payable, minimumCents: 0 },
    );
    if (!posted.posted && posted.reason === 'guard') throw new PayoutExceedsPayableError(payout.tenantId, payout.amountCents, posted.balanceCents);
    return posted.posted;
  });
}

export async function payoutPaid(tx: DbOrTx, payout: PayoutMoney): Promise<boolean> {
  const posted = await postJournal(tx, {
    kind: 'payout_paid',
    payoutId: payout.payoutId,
    tenantId: payout.tenantId,
    now: payout.now,
    lines: [
      { account: { kind: 'payouts_in_transit' }, cents: -payout.amountCents },
      { account: { kind: 'external' }, cents: payout.amountCents },
    ],
  });
  return posted.posted;
}

/** The Transfer was refused: the money never left, and goes back to the creator's payable balance. */
export async function payoutFailed(tx: DbOrTx, payout: PayoutMoney): Promise<boolean> {
  const posted = await postJournal(tx, {
    kind: 'payout_failed',
    payoutId: payout.payoutId,
    tenantId: payout.tenantId,
    now: payout.now,
    lines: [
      { account: { kind: 'payouts_in_transit' }, cents: -payout.amountCents },
      { account: { kind: 'creator_payable', tenantId: payout.tenantId }, cents: payout.amountCents },
    ],
  });
  return posted.posted;
}

/** A paid Transfer was reversed (`transfer.reversed`): the money came back, and so does the creator's balance. */
export async function payoutReversed(tx: DbOrTx, payout: PayoutMoney): Promise<boolean> {
  const posted = await postJournal(tx, {
    kind: 'payout_reversed',
    payoutId: payout.payoutId,
    tenantId: payout.tenantId,
    now: payout.now,
    lines: [
      { account: { kind: 'external' }, cents: -payout.amountCents },
      { account: { kind: 'creator_payable', tenantId: payout.tenantId }, cents: payout.amountCents },
    ],
  });
  return posted.posted;
}
