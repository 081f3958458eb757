import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { creditLedger, tenants } from '../db/schema.js';

/** The tenant's prepaid credit: the sum of its ledger (in-flight casts are already charged). */
export async function creditBalance(db: DbOrTx, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ balance: sql<string>`coalesce(sum(${creditLedger.amountCents}), 0)` })
    .from(creditLedger)
    .where(eq(creditLedger.tenantId, tenantId));
  return Number(row?.balance ?? 0);
}

export type ChargeResult = { ok: true } | { ok: false; balanceCents: number };

/**
 * Charges a paid cast to the credit ledger when it starts. The tenant's row is locked first, so
 * concurrent casts of one tenant check and charge one after another and the balance never goes
 * below zero. Call inside the cast's starting transaction.
 */
export async function chargeCredits(tx: DbOrTx, charge: { tenantId: string; castId: string; priceCents: number; now: Date }): Promise<ChargeResult> {
  await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, charge.tenantId)).for('no key update');
  const balanceCents = await creditBalance(tx, charge.tenantId);
  if (balanceCents < charge.priceCents) return { ok: false, balanceCents };
  await tx.insert(creditLedger).values({
    tenantId: charge.tenantId,
    amountCents: -charge.priceCents,
    kind: 'cast',
    castId: charge.castId,
    createdAt: charge.now,
  });
  return { ok: true };
}

/** Gives a cast's charge back (it failed, was interrupted or withdrawn). At most once per cast. */
export async function refundCredits(tx: DbOrTx, castId: string, now: Date): Promise<void> {
  const [charged] = await tx
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.castId, castId), eq(creditLedger.kind, 'cast')));
  if (!charged) return;
  await tx
    .insert(creditLedger)
    .values({ tenantId: charged.tenantId, amountCents: -charged.amountCents, kind: 'refund', castId, createdAt: now })
    .onConflictDoNothing();
}
