import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { creditDraws, ledgerAccounts, purchases } from '../db/schema.js';
import { emitCreditsLowIfCrossed } from '../events/emitters.js';
import { accountBalance, accountKey, postJournal } from './journal.js';

/**
 * A consumer's prepaid credit in the ledger: granted by paid purchases (from `external`), charged
 * to the consumer's in-flight account when a paid cast starts, given back if it does not succeed.
 * Which purchase paid a cast is recorded (`credit_draws`, oldest purchase first) so a refund of that
 * purchase knows what it funded.
 */

/** The tenant's prepaid credit (in-flight casts are already charged). */
export function creditBalance(db: DbOrTx, tenantId: string): Promise<number> {
  return accountBalance(db, { kind: 'consumer_credit', tenantId });
}

export type ChargeResult = { ok: true } | { ok: false; balanceCents: number };

/**
 * Charges a paid cast to the consumer's credit when it starts, refusing it when the credit does
 * not cover the price. The balance update locks the consumer's credit account, so concurrent casts
 * of one tenant check and charge one after another and the balance never goes below zero. Call
 * inside the cast's starting transaction, and roll it back when refused.
 */
export async function chargeCastCredit(tx: DbOrTx, charge: { tenantId: string; castId: string; priceCents: number; now: Date }): Promise<ChargeResult> {
  const posted = await postJournal(
    tx,
    {
      kind: 'cast_charge',
      castId: charge.castId,
      tenantId: charge.tenantId,
      now: charge.now,
      lines: [
        { account: { kind: 'consumer_credit', tenantId: charge.tenantId }, cents: -charge.priceCents },
        { account: { kind: 'consumer_in_flight', tenantId: charge.tenantId }, cents: charge.priceCents },
      ],
    },
    { account: { kind: 'consumer_credit', tenantId: charge.tenantId }, minimumCents: 0 },
  );
  if (!posted.posted) return { ok: false, balanceCents: posted.reason === 'guard' ? posted.balanceCents : 0 };
  await drawFromPurchases(tx, charge);
  const afterCents = posted.balances.get(accountKey({ kind: 'consumer_credit', tenantId: charge.tenantId }));
  if (afterCents !== undefined) {
    await emitCreditsLowIfCrossed(tx, { tenantId: charge.tenantId, beforeCents: afterCents + charge.priceCents, afterCents, now: charge.now });
  }
  return { ok: true };
}

/** Records which purchases' credit paid the cast, oldest first (the credit account's lock orders these). */
async function drawFromPurchases(tx: DbOrTx, charge: { tenantId: string; castId: string; priceCents: number; now: Date }): Promise<void> {
  let left = charge.priceCents;
  const open = await tx
    .select({ id: purchases.id, left: sql<number>`${purchases.creditsCents} - ${purchases.creditsReversedCents} - ${purchases.creditsDrawnCents}` })
    .from(purchases)
    .where(and(eq(purchases.tenantId, charge.tenantId), gt(sql`${purchases.creditsCents} - ${purchases.creditsReversedCents} - ${purchases.creditsDrawnCents}`, 0)))
    .orderBy(asc(purchases.createdAt), asc(purchases.id));
  for (const lot of open) {
    if (left <= 0) break;
    const cents = Math.min(left, Number(lot.left));
    await tx.update(purchases).set({ creditsDrawnCents: sql`${purchases.creditsDrawnCents} + ${cents}` }).where(eq(purchases.id, lot.id));
    await tx.insert(creditDraws).values({ castId: charge.castId, purchaseId: lot.id, cents, createdAt: charge.now });
    left -= cents;
  }
  if (left > 0) await tx.insert(creditDraws).values({ castId: charge.castId, purchaseId: null, cents: left, createdAt: charge.now });
}

/**
 * What refunds of its purchases took back from a cast while it ran (its negative draws), with the
 * consumer's in-flight account locked first, so a refund happening now lands wholly before or
 * after. A cast settles on, or gives back, its price less this.
 */
export async function reversedWhileRunning(tx: DbOrTx, cast: { castId: string; tenantId: string }): Promise<number> {
  // The charge at start made the account, so it is only locked here (one query on every settle).
  await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, 'consumer_in_flight'), eq(ledgerAccounts.tenantId, cast.tenantId)))
    .for('update');
  const [row] = await tx
    .select({ cents: sql<number>`coalesce(sum(-${creditDraws.cents}), 0)::int` })
    .from(creditDraws)
    .where(and(eq(creditDraws.castId, cast.castId), lt(creditDraws.cents, 0)));
  return Number(row?.cents ?? 0);
}

/**
 * Gives a cast's charge back (it failed, was interrupted or withdrawn): at most once per cast, and
 * only for a cast that was charged; less what a refund of its purchase already took back while it
 * ran. Its draws go back to their purchases.
 */
export async function refundCastCredit(tx: DbOrTx, cast: { castId: string; tenantId: string; priceCents: number; now: Date }): Promise<void> {
  if (cast.priceCents <= 0) return;
  const held = cast.priceCents - Math.min(cast.priceCents, await reversedWhileRunning(tx, cast));
  const posted = await postJournal(tx, {
    kind: 'cast_refund',
    castId: cast.castId,
    tenantId: cast.tenantId,
    now: cast.now,
    lines: [
      { account: { kind: 'consumer_in_flight', tenantId: cast.tenantId }, cents: -held },
      { account: { kind: 'consumer_credit', tenantId: cast.tenantId }, cents: held },
    ],
  });
  if (!posted.posted) return;
  const draws = await tx.delete(creditDraws).where(eq(creditDraws.castId, cast.castId)).returning();
  for (const draw of draws) {
    // A negative draw (a refund's part) was counted in the purchase's reversed credit, not in its drawn.
    if (!draw.purchaseId || draw.cents < 0) continue;
    await tx.update(purchases).set({ creditsDrawnCents: sql`${purchases.creditsDrawnCents} - ${draw.cents}` }).where(eq(purchases.id, draw.purchaseId));
  }
}

/** A paid purchase's credit, granted once per purchase. */
export async function grantPurchaseCredit(tx: DbOrTx, purchase: { id: string; tenantId: string; creditsCents: number; now: Date }): Promise<boolean> {
  const posted = await postJournal(tx, {
    kind: 'credit_purchase',
    purchaseId: purchase.id,
    tenantId: purchase.tenantId,
    now: purchase.now,
    lines: [
      { account: { kind: 'external' }, cents: -purchase.creditsCents },
      { account: { kind: 'consumer_credit', tenantId: purchase.tenantId }, cents: purchase.creditsCents },
    ],
  });
  return posted.posted;
}
