import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { casts } from '../db/schema.js';

/** What a spell has done for its creator: casts by everyone, and what the successful ones earned. */
export interface SpellStats {
  casts: number;
  succeeded: number;
  failed: number;
  /** The sum of the successful casts' cost: only a successful cast is charged. */
  earningsCents: number;
  lastCastAt: Date | null;
}

export async function readSpellStats(db: DbOrTx, spellId: string): Promise<SpellStats> {
  const [row] = await db
    .select({
      casts: sql<string>`count(*)`,
      succeeded: sql<string>`count(*) filter (where ${casts.status} = 'succeeded')`,
      failed: sql<string>`count(*) filter (where ${casts.status} = 'failed')`,
      earnings: sql<string | null>`sum(${casts.costCents}) filter (where ${casts.status} = 'succeeded')`,
      lastCastAt: sql<string | null>`max(${casts.createdAt})`,
    })
    .from(casts)
    .where(eq(casts.spellId, spellId));
  return {
    casts: Number(row?.casts ?? 0),
    succeeded: Number(row?.succeeded ?? 0),
    failed: Number(row?.failed ?? 0),
    earningsCents: Number(row?.earnings ?? 0),
    lastCastAt: row?.lastCastAt ? new Date(row.lastCastAt) : null,
  };
}
