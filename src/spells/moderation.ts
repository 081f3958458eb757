import { and, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { Database, DbOrTx } from '../db/client.js';
import { after, containing, newestFirst, type Position } from '../db/paging.js';
import { casts, spells, tenants } from '../db/schema.js';
import type { SpellRow } from './registry.js';

/**
 * Where a spell stands for an operator: `live` (its owner's to show or hide), `unpublished` (an
 * operator took it out of the catalog) or `deleted` (by its owner; deleted wins over unpublished).
 */
export const SPELL_STATUSES = ['live', 'unpublished', 'deleted'] as const;
export type SpellStatus = (typeof SPELL_STATUSES)[number];

export function spellStatus(spell: SpellRow): SpellStatus {
  if (spell.deletedAt) return 'deleted';
  if (spell.unpublishedAt) return 'unpublished';
  return 'live';
}

/** A spell of any tenant, as the operators' list shows it. */
export interface ModeratedSpell {
  spell: SpellRow;
  owner: string;
  casts: number;
}

/**
 * Every tenant's spells, newest first: `q` matches the name, the owner's handle or the
 * description; `owner` is a handle, exactly.
 */
export async function searchAllSpells(
  db: DbOrTx,
  filter: { q?: string | undefined; owner?: string | undefined; status?: SpellStatus | undefined; before?: Position | undefined; limit: number },
): Promise<ModeratedSpell[]> {
  // `created_at` comes from the database in microseconds; cursors carry milliseconds.
  const createdMs = sql<Date>`date_trunc('milliseconds', ${spells.createdAt})`;
  const pattern = filter.q ? containing(filter.q) : undefined;
  const byStatus: Record<SpellStatus, SQL | undefined> = {
    live: and(isNull(spells.deletedAt), isNull(spells.unpublishedAt)),
    unpublished: and(isNull(spells.deletedAt), isNotNull(spells.unpublishedAt)),
    deleted: isNotNull(spells.deletedAt),
  };
  const conditions: (SQL | undefined)[] = [
    filter.status ? byStatus[filter.status] : undefined,
    filter.owner ? eq(tenants.handle, filter.owner) : undefined,
    pattern ? or(sql`${spells.name} ilike ${pattern}`, sql`${tenants.handle} ilike ${pattern}`, sql`${spells.description} ilike ${pattern}`) : undefined,
    after(createdMs, spells.id, filter.before),
  ];
  const rows = await db
    .select({ spell: spells, owner: tenants.handle, casts: sql<string>`(select count(*) from casts c where c.spell_id = ${spells.id})` })
    .from(spells)
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(and(...conditions))
    .orderBy(...newestFirst(createdMs, spells.id))
    .limit(filter.limit);
  return rows.map((row) => ({ spell: row.spell, owner: row.owner, casts: Number(row.casts) }));
}

/** How many casts a spell has had, by anyone. */
export async function countSpellCasts(db: DbOrTx, spellId: string): Promise<number> {
  const [row] = await db.select({ count: sql<string>`count(*)` }).from(casts).where(eq(casts.spellId, spellId));
  return Number(row?.count ?? 0);
}

export type Moderation =
  | { ok: true; spell: SpellRow; owner: string }
  | { ok: false; reason: 'not_found' | 'not_public' | 'deleted' | 'already_unpublished' | 'not_unpublished'; message: string };

interface ModerationRequest {
  owner: string;
  name: string;
  actor: AuditActor;
  now: Date;
}

/** Locks `owner/name` for a change by an operator; undefined when there is no such spell. */
async function lockSpell(tx: DbOrTx, owner: string, name: string): Promise<SpellRow | undefined> {
  const [row] = await tx
    .select({ spell: spells })
    .from(spells)
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(and(eq(tenants.handle, owner), eq(spells.name, name)))
    .for('update', { of: spells });
  return row?.spell;
}

const refused = (reason: Exclude<Moderation, { ok: true }>['reason'], message: string): Moderation => ({ ok: false, reason, message });

/**
 * An operator takes a public, live spell out of service: hidden from the catalog, `410` to
 * every caster but its owner, who sees `reason`. Audited to the owner's tenant in the same
 * transaction.
 */
export function unpublishSpell(db: Database, request: ModerationRequest & { reason: string }): Promise<Moderation> {
  const full = `${request.owner}/${request.name}`;
  return db.transaction(async (tx) => {
    const spell = await lockSpell(tx, request.owner, request.name);
    if (!spell) return refused('not_found', `No spell named ${full}.`);
    if (spell.deletedAt) return refused('deleted', `${full} was deleted by its owner; there is nothing to unpublish.`);
    if (spell.unpublishedAt) return refused('already_unpublished', `${full} is already unpublished.`);
    if (spell.visibility !== 'public') return refused('not_public', `${full} is private: only its owner can cast it, so there is nothing to unpublish.`);
    const [updated] = await tx
      .update(spells)
      .set({ unpublishedAt: request.now, unpublishedReason: request.reason, updatedAt: request.now })
      .where(eq(spells.id, spell.id))
      .returning();
    if (!updated) throw new Error(`spell ${spell.id} vanished while being unpublished`);
    await writeAudit(tx, {
      action: 'spell_unpublished',
      actor: request.actor,
      tenantId: spell.tenantId,
      target: { type: 'spell', id: spell.id },
      before: { unpublished_at: null },
      after: { owner: request.owner, name: request.name, reason: request.reason, unpublished_at: request.now.toISOString() },
      at: request.now,
    });
    return { ok: true as const, spell: updated, owner: request.owner };
  });
}

/** An operator puts an unpublished spell back, as its owner had it; audited like the unpublish. */
export function republishSpell(db: Database, request: ModerationRequest): Promise<Moderation> {
  const full = `${request.owner}/${request.name}`;
  return db.transaction(async (tx) => {
    const spell = await lockSpell(tx, request.owner, request.name);
    if (!spell) return refused('not_found', `No spell named ${full}.`);
    if (spell.deletedAt) return refused('deleted', `${full} was deleted by its owner; it cannot be republished.`);
    if (!spell.unpublishedAt) return refused('not_unpublished', `${full} is not unpublished.`);
    const [updated] = await tx
      .update(spells)
      .set({ unpublishedAt: null, unpublishedReason: null, updatedAt: request.now })
      .where(eq(spells.id, spell.id))
      .returning();
    if (!updated) throw new Error(`spell ${spell.id} vanished while being republished`);
    await writeAudit(tx, {
      action: 'spell_republished',
      actor: request.actor,
      tenantId: spell.tenantId,
      target: { type: 'spell', id: spell.id },
      before: { unpublished_at: spell.unpublishedAt.toISOString(), reason: spell.unpublishedReason },
      after: { owner: request.owner, name: request.name, unpublished_at: null },
      at: request.now,
    });
    return { ok: true as const, spell: updated, owner: request.owner };
  });
}
