import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { after, newestFirst, type Position } from '../db/paging.js';
import { casts, spells, spellVersions, tenants } from '../db/schema.js';

export type CastRow = typeof casts.$inferSelect;

/** A cast as its history shows it, with the spell's owner, name and version number. */
export interface CastHistoryEntry {
  cast: CastRow;
  owner: string;
  spellName: string;
  version: number;
}

const historyColumns = { cast: casts, owner: tenants.handle, spellName: spells.name, version: spellVersions.version };

/** The user's casts, newest first, continuing after `before` (the last entry of the previous page). */
export function listCasts(
  db: DbOrTx,
  options: { tenantId: string; userId: string; limit: number; before?: Position | undefined },
): Promise<CastHistoryEntry[]> {
  const mine = and(eq(casts.tenantId, options.tenantId), eq(casts.userId, options.userId));
  return db
    .select(historyColumns)
    .from(casts)
    .innerJoin(spells, eq(spells.id, casts.spellId))
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .innerJoin(spellVersions, eq(spellVersions.id, casts.spellVersionId))
    .where(and(mine, after(casts.createdAt, casts.id, options.before)))
    .orderBy(...newestFirst(casts.createdAt, casts.id))
    .limit(options.limit);
}

export async function findCast(
  db: DbOrTx,
  options: { tenantId: string; userId: string; castId: string },
): Promise<CastHistoryEntry | undefined> {
  const [row] = await db
    .select(historyColumns)
    .from(casts)
    .innerJoin(spells, eq(spells.id, casts.spellId))
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .innerJoin(spellVersions, eq(spellVersions.id, casts.spellVersionId))
    .where(and(eq(casts.id, options.castId), eq(casts.tenantId, options.tenantId), eq(casts.userId, options.userId)));
  return row;
}
