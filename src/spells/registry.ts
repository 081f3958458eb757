import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, max, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { spells, spellVersions, wasmModules } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';

export type SpellRow = typeof spells.$inferSelect;
export type SpellVersionRow = typeof spellVersions.$inferSelect;

/** Spell names are URL- and CLI-friendly: lower-case letters, digits and dashes. */
export const SPELL_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A new spell: its owner, its name and any of its settings (the columns' defaults otherwise). */
export interface NewSpell extends SpellChanges {
  tenantId: string;
  ownerUserId: string | null;
  name: string;
}

export async function createSpell(
  db: DbOrTx,
  spell: NewSpell,
): Promise<{ ok: true; spell: SpellRow } | { ok: false; reason: 'name_taken' }> {
  const { tenantId, ownerUserId, name, ...settings } = spell;
  try {
    const [row] = await db
      .insert(spells)
      .values({ ...settings, tenantId, ownerUserId, name })
      .returning();
    if (!row) throw new Error('spell insert returned nothing');
    return { ok: true, spell: row };
  } catch (error) {
    if (isUniqueViolation(error, 'spells_name_live_key')) return { ok: false, reason: 'name_taken' };
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
      const created = await createSpell(tx, spell);
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

/** Whether a live spell of any tenant has `name` (names are unique across the platform). */
export async function spellNameTaken(db: DbOrTx, name: string): Promise<boolean> {
  const [row] = await db
    .select({ id: spells.id })
    .from(spells)
    .where(and(eq(spells.name, name), isNull(spells.deletedAt)))
    .limit(1);
  return row !== undefined;
}

/** A live spell the tenant may see: its own, or anyone's public one. */
export async function findVisibleSpell(db: DbOrTx, name: string, tenantId: string): Promise<SpellRow | undefined> {
  const [row] = await db
    .select()
    .from(spells)
    .where(
      and(
        eq(spells.name, name),
        isNull(spells.deletedAt),
        or(eq(spells.visibility, 'public'), eq(spells.tenantId, tenantId)),
      ),
    );
  return row;
}

/** The catalog: public spells and the tenant's own, by name. */
export function listVisibleSpells(
  db: DbOrTx,
  options: { tenantId: string; limit: number; offset: number; mine: boolean },
): Promise<{ spell: SpellRow; latestVersion: number | null }[]> {
  const visible = options.mine
    ? eq(spells.tenantId, options.tenantId)
    : or(eq(spells.visibility, 'public'), eq(spells.tenantId, options.tenantId));
  // A join, not a correlated subquery: drizzle leaves columns unqualified in a one-table select,
  // so a subquery's `spells.id` would resolve to spell_versions.id.
  return db
    .select({ spell: spells, latestVersion: max(spellVersions.version) })
    .from(spells)
    .leftJoin(spellVersions, eq(spellVersions.spellId, spells.id))
    .where(and(isNull(spells.deletedAt), visible))
    .groupBy(spells.id)
    .orderBy(spells.name)
    .limit(options.limit)
    .offset(options.offset);
}

export function listVersions(db: DbOrTx, spellId: string): Promise<SpellVersionRow[]> {
  return db.select().from(spellVersions).where(eq(spellVersions.spellId, spellId)).orderBy(desc(spellVersions.version));
}

export type SpellChanges = Partial<
  Pick<SpellRow, 'description' | 'visibility' | 'priceCents' | 'functionName' | 'timeoutMs' | 'inputSchema'>
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
 * the earlier versions keep calling the function they called (`pinVersionFunctions`).
 */
export async function updateSpell(db: DbOrTx, spellId: string, changes: SpellChanges, now: Date): Promise<SpellRow> {
  return db.transaction(async (tx) => {
    if (changes.functionName !== undefined) {
      await tx.select({ id: spells.id }).from(spells).where(eq(spells.id, spellId)).for('update');
      await pinVersionFunctions(tx, spellId, (await nextVersion(tx, spellId)) - 1);
    }
    const [row] = await tx
      .update(spells)
      .set({ ...changes, updatedAt: now })
      .where(eq(spells.id, spellId))
      .returning();
    if (!row) throw new Error('spell update returned nothing');
    return row;
  });
}

/** Unpublishes: the name is free again, and past casts keep pointing at the row. */
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
