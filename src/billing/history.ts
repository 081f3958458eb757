import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { purchases, subscriptions } from '../db/schema.js';

export type PurchaseRow = typeof purchases.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** The tenant's Checkout purchases, newest first (the most recent 200). */
export function listPurchases(db: DbOrTx, tenantId: string): Promise<PurchaseRow[]> {
  return db.select().from(purchases).where(eq(purchases.tenantId, tenantId)).orderBy(desc(purchases.createdAt)).limit(200);
}

/** The tenant's subscriptions as Stripe last described them, most recently changed first. */
export function listSubscriptions(db: DbOrTx, tenantId: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)).orderBy(desc(subscriptions.updatedAt));
}
