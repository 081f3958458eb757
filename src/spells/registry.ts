import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { spells, spellVersions, tenants, wasmModules } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { containing } from '../db/paging.js';
import { recordSpellPrice } from './price-history.js';

export type SpellRow = typeof spells.$inferSelect;
export type SpellVersionRow = typeof spellVersions.$inferSelect;

/** Spell names are URL- and CLI-friendly: lower-case letters, digits and dashes. */
export const SPELL_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Names a spell cannot have: the words after `/v1/spells/:name/` (a spell named `stats` would
 * make `/v1/spells/:owner/stats` mean two things).
 */
export const RESERVED_SPELL_NAMES: ReadonlySet<string> = new Set(['stats', 'versions']);

/** A new spell: its owner, its name and any of its settings (the columns' defaults otherwise). */
export interface NewSpell extends SpellChanges {
  tenantId: string;
  ownerUserId: string | null;
  name: string;
}

/**
 * Creates a spell and records its first price (from `now`) in one transaction; inside a caller's
 * transaction it is a savepoint, so a taken name leaves the caller's transaction usable.
 */
export async function createSpell(
  db: DbOrTx,
  spell: NewSpell,
  now: Date,
): Promise<{ ok: true; spell: SpellRow } | { ok: false; reason: 'name_taken' }> {
  const { tenantId, ownerUserId, name, ...settings } = spell;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(spells)
        .values({ ...settings, tenantId, ownerUserId, name, everPublic: settings.visibility === 'public' })
        .returning();
      if (!row) throw new Error('spell insert returned nothing');
      await recordSpellPrice(tx, { spellId: row.id, priceCents: row.priceCents, at: now });
      return { ok: true as const, spell: row };
    });
  } catch (error) {
    // Also a deleted spell's: a name is never reused within its owner.
    if (isUniqueViolation(error, 'spells_tenant_name_key')) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/** A module already checked, ready to be stored as a version. */
export interface CheckedModule {
  bytes: Uint8Array;
  exports: string[];
}

/**
 * Creates a spell with `module` as its version 1, in one transaction: either both are stored or
 * neither is, so a spell never shows in the catalog without a version it was created with. A
 * name taken first by a concurrent create rolls everything back.
 */
export async function createSpellWithVersion(
  db: DbOrTx,
  spell: NewSpell,
  module: CheckedModule,
  now: Date,
): Promise<{ ok: true; spell: SpellRow; version: SpellVersionRow } | { ok: false; reason: 'name_taken' }> {
  const outcome = await db
    .transaction(async (tx) => {
      const created = await createSpell(tx, spell, now);
      // Ends the transaction: after a unique violation PostgreSQL accepts nothing but a rollback.
      if (!created.ok) throw new NameTaken();
      const version = await publishVersion(tx, { spellId: created.spell.id, ...module, now });
      return { ok: true as const, spell: created.spell, version };
    })
    .catch((error: unknown) => {
      if (error instanceof NameTaken) return { ok: false as const, reason: 'name_taken' as const };
      throw error;
    });
  return outcome;
}

class NameTaken extends Error {}

/** The tenant's spell named `name`, deleted or not (a name is never reused within its owner). */
export async function findOwnedSpell(db: DbOrTx, tenantId: string, name: string): Promise<SpellRow | undefined> {
  const [row] = await db.select().from(spells).where(and(eq(spells.tenantId, tenantId), eq(spells.name, name)));
  return row;
}

/** A spell with its owner's handle. */
export interface OwnedSpell {
  spell: SpellRow;
  owner: string;
}

/**
 * `owner/name` as `viewerTenantId` may see it: any of its own spells, deleted or not; another
 * tenant's only when public (deleted or unpublished ones included, for the caller to answer
 * `410`). Another tenant's private spell is not found, exactly like a missing one.
 */
export async function findSpellByOwner(db: DbOrTx, ref: { owner: string; name: string }, viewerTenantId: string): Promise<OwnedSpell | undefined> {
  const [row] = await db
    .select({ spell: spells, owner: tenants.handle })
    .from(spells)
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(and(eq(tenants.handle, ref.owner), eq(spells.name, ref.name)));
  if (!row) return undefined;
  if (row.spell.tenantId !== viewerTenantId && row.spell.visibility !== 'public') return undefined;
  return row;
}

/** Whether a spell is out of service: deleted by its owner or unpublished by an operator. */
export function isRetired(spell: SpellRow): boolean {
  return spell.deletedAt !== null || spell.unpublishedAt !== null;
}

/** A catalog query: visible spells (public ones, and the viewer's own), filtered and paged. */
export interface CatalogQuery {
  viewerTenantId: string;
  /** Only the viewer's own spells (private ones included). */
  mine: boolean;
  /** Words that must each appear in the name, the owner's handle, the description or a tag. */
  q?: string | undefined;
  owner?: string | undefined;
  tag?: string | undefined;
  sort: 'name' | 'popular' | 'new';
  limit: number;
  offset: number;
}

/** A catalog entry: the spell, its owner's handle, its latest version and its casts. */
export interface CatalogEntry extends OwnedSpell {
  latestVersion: number | null;
  casts: { total: number; succeeded: number; failed: number };
}

/**
 * The catalog: live spells the viewer may see (another tenant's public and not unpublished, or
 * its own), searched, filtered and sorted. Cast counts are all casts of the spell, by anyone.
 */
export async function searchCatalog(db: DbOrTx, query: CatalogQuery): Promise<CatalogEntry[]> {
  const visible = query.mine
    ? sql`${spells.tenantId} = ${query.viewerTenantId}`
    : sql`(${spells.tenantId} = ${query.viewerTenantId} or (${spells.visibility} = 'public' and ${spells.unpublishedAt} is null))`;
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '').slice(0, 8);
  const matches = words.map((word) => {
    const pattern = containing(word);
    return sql`(${spells.name} ilike ${pattern} or ${tenants.handle} ilike ${pattern} or ${spells.description} ilike ${pattern} or ${word} = any(${spells.tags}))`;
  });
  const conditions = [
    isNull(spells.deletedAt),
    visible,
    ...matches,
    query.owner === undefined ? undefined : eq(tenants.handle, query.owner),
    query.tag === undefined ? undefined : sql`${query.tag} = any(${spells.tags})`,
  ];
  // Counted per spell of the page, from the casts' spell index.
  const casts = sql<string>`(select count(*) from casts c where c.spell_id = ${spells.id})`;
  const succeeded = sql<string>`(select count(*) from casts c where c.spell_id = ${spells.id} and c.status = 'succeeded')`;
  const failed = sql<string>`(select count(*) from casts c where c.spell_id = ${spells.id} and c.status = 'failed')`;
  const order =
    query.sort === 'popular' ? [desc(casts), spells.name, tenants.handle] : query.sort === 'new' ? [desc(spells.createdAt), spells.id] : [spells.name, tenants.handle];
  const rows = await db
    .select({ spell: spells, owner: tenants.handle, latestVersion: max(spellVersions.version), casts, succeeded, failed })
    .from(spells)
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .leftJoin(spellVersions, eq(spellVersions.spellId, spells.id))
    .where(and(...conditions))
    .groupBy(spells.id, tenants.handle)
    .orderBy(...order)
    .limit(query.limit)
    .offset(query.offset);
  return rows.map((row) => ({
    spell: row.spell,
    owner: row.owner,
    latestVersion: row.latestVersion === null ? null : Number(row.latestVersion),
    casts: { total: Number(row.casts), succeeded: Number(row.succeeded), failed: Number(row.failed) },
  }));
}

export function listVersions(db: DbOrTx, spellId: string): Promise<SpellVersionRow[]> {
  return db.select().from(spellVersions).where(eq(spellVersions.spellId, spellId)).orderBy(desc(spellVersions.version));
}

export type SpellChanges = Partial<
  Pick<SpellRow, 'description' | 'visibility' | 'priceCents' | 'functionName' | 'timeoutMs' | 'inputSchema' | 'tags' | 'readme'>
>;

/**
 * Keeps what the spell's versions before `beforeVersion` call when its function changes: each that
 * still follows the spell's function is given the current one. Run in the transaction that
 * changes it, with the spell row locked.
 */
async function pinVersionFunctions(tx: DbOrTx, spellId: string, beforeVersion: number): Promise<void> {
  await tx.execute(sql`
    UPDATE spell_versions v SET function_name = s.function_name
      FROM spells s
     WHERE s.id = ${spellId} AND v.spell_id = s.id AND v.function_name IS NULL AND v.version < ${beforeVersion}`);
}

/** The number the spell's next version gets (one past its latest). */
async function nextVersion(tx: DbOrTx, spellId: string): Promise<number> {
  const [latest] = await tx
    .select({ version: sql<number>`coalesce(max(${spellVersions.version}), 0)` })
    .from(spellVersions)
    .where(eq(spellVersions.spellId, spellId));
  return Number(latest?.version ?? 0) + 1;
}

/**
 * Changes a spell's settings. A new `functionName` applies to its latest version and later ones;
 * the earlier versions keep calling the function they called (`pinVersionFunctions`). A new price
 * is recorded in the spell's price history in the same transaction: casts started from `now` on
 * pay it, casts already started keep theirs (`casts.price_cents`).
 */
export async function updateSpell(db: DbOrTx, spellId: string, changes: SpellChanges, now: Date): Promise<SpellRow> {
  return db.transaction(async (tx) => {
    const locked = changes.functionName !== undefined || changes.priceCents !== undefined;
    const [before] = locked ? await tx.select({ priceCents: spells.priceCents }).from(spells).where(eq(spells.id, spellId)).for('update') : [];
    if (changes.functionName !== undefined) {
      await pinVersionFunctions(tx, spellId, (await nextVersion(tx, spellId)) - 1);
    }
    const [row] = await tx
      .update(spells)
      .set({ ...changes, ...(changes.visibility === 'public' ? { everPublic: true } : {}), updatedAt: now })
      .where(eq(spells.id, spellId))
      .returning();
    if (!row) throw new Error('spell update returned nothing');
    if (changes.priceCents !== undefined && before && before.priceCents !== row.priceCents) {
      await recordSpellPrice(tx, { spellId, priceCents: row.priceCents, at: now });
    }
    return row;
  });
}

/**
 * Deletes a spell: out of the catalog at once, its name never given to another spell of its
 * owner, its casts kept; casts pinned to one of its versions work for the retirement window.
 */
export async function deleteSpell(db: DbOrTx, spellId: string, now: Date): Promise<void> {
  await db.update(spells).set({ deletedAt: now, updatedAt: now }).where(eq(spells.id, spellId));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores the module once (by SHA-256) and adds it as the spell's next version. The spell row is
 * locked so two concurrent uploads get consecutive numbers instead of a conflict. With
 * `functionName` the spell's casts call that function from this version on, switched in the same
 * transaction; the earlier versions keep calling the one they did.
 */
export async function publishVersion(
  db: DbOrTx,
  options: { spellId: string; bytes: Uint8Array; exports: string[]; now: Date; functionName?: string | undefined },
): Promise<SpellVersionRow> {
  const digest = sha256Hex(options.bytes);
  return db.transaction(async (tx) => {
    await tx.select({ id: spells.id }).from(spells).where(eq(spells.id, options.spellId)).for('update');
    const version = await nextVersion(tx, options.spellId);
    if (options.functionName !== undefined) {
      await pinVersionFunctions(tx, options.spellId, version);
      await tx.update(spells).set({ functionName: options.functionName, updatedAt: options.now }).where(eq(spells.id, options.spellId));
    }
    await tx
      .insert(wasmModules)
      .values({ sha256: digest, bytes: sql`decode(${Buffer.from(options.bytes).toString('base64')}, 'base64')`, sizeBytes: options.bytes.byteLength })
      .onConflictDoNothing();
    const [row] = await tx
      .insert(spellVersions)
      .values({
        spellId: options.spellId,
        version,
        moduleSha256: digest,
        exports: options.exports,
        createdAt: options.now,
      })
      .returning();
    if (!row) throw new Error('version insert returned nothing');
    return row;
  });
}

/** The pinned version, or the latest when `version` is undefined. */
export async function findVersion(
  db: DbOrTx,
  spellId: string,
  version: number | undefined,
): Promise<SpellVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(spellVersions)
    .where(
      version === undefined
        ? eq(spellVersions.spellId, spellId)
        : and(eq(spellVersions.spellId, spellId), eq(spellVersions.version, version)),
    )
    .orderBy(desc(spellVersions.version))
    .limit(1);
  return row;
}

/**
 * The module's bytes cross the driver as base64 text both ways: PGlite runs on the main thread and
 * takes about ten times longer to (de)serialise a bytea parameter or column of a few megabytes,
 * long enough to stall every other request.
 */
export async function loadModuleBytes(db: DbOrTx, sha256: string): Promise<Uint8Array> {
  const [row] = await db
    .select({ base64: sql<string>`encode(${wasmModules.bytes}, 'base64')` })
    .from(wasmModules)
    .where(eq(wasmModules.sha256, sha256));
  if (!row) throw new Error(`module ${sha256} is missing`);
  // PostgreSQL's encode() breaks base64 into lines; Buffer.from skips the newlines.
  return Buffer.from(row.base64, 'base64');
}
