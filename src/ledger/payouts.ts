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

export async function recordPayoutMoney(tx: DbOrTx, payout: PayoutMoney): Promise<boolean> {
  const posted = await postJournal(tx, {
    kind: 'payout',
    payoutId: payout.payoutId,
    tenantId: payout.tenantId,
    now: payout.now,
    lines: [
      { account: { kind: 'creator_payable', tenantId: payout.tenantId }, cents: -payout.amountCents },
      { account: { kind: 'payouts_in_transit' }, cents: payout.amountCents },
    ],
  });
  return posted.posted;
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
