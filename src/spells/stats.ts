import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { casts } from '../db/schema.js';

/** A spell's casts by everyone (what they earned its creator is in creators/earnings.ts, from the books). */
export interface SpellStats {
  casts: number;
  succeeded: number;
  failed: number;
  lastCastAt: Date | null;
}

export async function readSpellStats(db: DbOrTx, spellId: string): Promise<SpellStats> {
  const [row] = await db
    .select({
      casts: sql<string>`count(*)`,
      succeeded: sql<string>`count(*) filter (where ${casts.status} = 'succeeded')`,
      failed: sql<string>`count(*) filter (where ${casts.status} = 'failed')`,
      lastCastAt: sql<string | null>`max(${casts.createdAt})`,
    })
    .from(casts)
    .where(eq(casts.spellId, spellId));
  return {
    casts: Number(row?.casts ?? 0),
    succeeded: Number(row?.succeeded ?? 0),
    failed: Number(row?.failed ?? 0),
    lastCastAt: row?.lastCastAt ? new Date(row.lastCastAt) : null,
  };
}
