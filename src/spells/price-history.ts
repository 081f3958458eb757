import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { spellPrices } from '../db/schema.js';

/** How many of a spell's prices its views show, newest first. */
export const PRICE_HISTORY_LIMIT = 20;

/**
 * Records the price a spell has from `at` on, in the transaction that sets it. Two changes in the
 * same instant keep the later one (a price is what holds from that instant on).
 */
export async function recordSpellPrice(tx: DbOrTx, entry: { spellId: string; priceCents: number | null; at: Date }): Promise<void> {
  await tx
    .insert(spellPrices)
    .values({ spellId: entry.spellId, changedAt: entry.at, priceCents: entry.priceCents })
    .onConflictDoUpdate({ target: [spellPrices.spellId, spellPrices.changedAt], set: { priceCents: sql`excluded.price_cents` } });
}

export interface PriceChange {
  priceCents: number | null;
  from: Date;
}

/** The spell's prices, newest first (the first is the price now), at most `PRICE_HISTORY_LIMIT`. */
export async function listPriceHistory(db: DbOrTx, spellId: string): Promise<PriceChange[]> {
  const rows = await db
    .select({ priceCents: spellPrices.priceCents, from: spellPrices.changedAt })
    .from(spellPrices)
    .where(eq(spellPrices.spellId, spellId))
    .orderBy(desc(spellPrices.changedAt))
    .limit(PRICE_HISTORY_LIMIT);
  return rows;
}

export const priceHistorySchema = z
  .array(
    z.object({
      price_cents: z.number().int().nullable().describe('null: the platform’s default cost per cast'),
      from: z.string().describe('Casts started from this instant on are charged this price'),
    }),
  )
  .describe(`The spell’s prices, newest first (the last ${PRICE_HISTORY_LIMIT}): a change applies to casts started after it; a cast keeps the price it was charged`);

export const viewPriceHistory = (history: PriceChange[]) => history.map((change) => ({ price_cents: change.priceCents, from: change.from.toISOString() }));
