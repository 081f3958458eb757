import { z } from 'zod';
import { HANDLE_PATTERN } from '../tenants/handles.js';
import { priceHistorySchema } from './price-history.js';
import { RESERVED_SPELL_NAMES, SPELL_NAME_PATTERN, type SpellRow, type SpellVersionRow } from './registry.js';

/** A spell's name in a path or body. */
export const spellName = z
  .string()
  .regex(SPELL_NAME_PATTERN, { error: 'must be 1–64 lower-case letters, digits or dashes' });

/** A name a new spell may take: not one of the words after `/v1/spells/:name/`. */
export const newSpellName = spellName.refine((name) => !RESERVED_SPELL_NAMES.has(name), {
  error: `is reserved (${[...RESERVED_SPELL_NAMES].join(', ')})`,
});

/** An owner's handle in a path or query. */
export const ownerHandle = z.string().regex(HANDLE_PATTERN, { error: 'must be 1–39 lower-case letters, digits or inner dashes' });

export const versionSchema = z
  .object({
    version: z.number().int(),
    sha256: z.string(),
    exports: z.array(z.string()),
    function_name: z
      .string()
      .nullable()
      .describe('The function casts of this version call, once the spell’s `function_name` has moved on since; null while it follows the spell’s'),
    created_at: z.string(),
  })
  .meta({ id: 'SpellVersion' });

export const spellSchema = z
  .object({
    name: z.string().describe('The name within its owner'),
    owner: z.string().describe('The owner’s handle'),
    full_name: z.string().describe('`owner/name`: what a cast names (with `@version` to pin one)'),
    description: z.string(),
    visibility: z.enum(['public', 'private']),
    price_cents: z.number().int().nullable(),
    function_name: z.string(),
    timeout_ms: z.number().int().nullable(),
    input_schema: z.unknown().nullable(),
    tags: z.array(z.string()),
    owned: z.boolean().describe('true when the caller’s tenant owns the spell'),
    latest_version: z.number().int().nullable(),
    casts: z.number().int().describe('Casts of the spell by everyone'),
    success_rate: z.number().nullable().describe('The share of finished casts that succeeded, 0–1; null before any'),
    created_at: z.string(),
    updated_at: z.string(),
    deleted_at: z.string().nullable().describe('Set on your own deleted spells; casts pinned to a version run until `pinned_until`'),
    pinned_until: z.string().nullable(),
    unpublished: z
      .object({ at: z.string(), reason: z.string() })
      .nullable()
      .describe('Set on your own spell when an operator took it out of the catalog, with why'),
  })
  .meta({ id: 'Spell' });

/** A spell with its README, its versions and its prices, each newest first. */
export const spellDetailSchema = spellSchema
  .extend({ readme: z.string().describe('Markdown'), versions: z.array(versionSchema), price_history: priceHistorySchema })
  .meta({ id: 'SpellDetail' });

export function viewVersion(row: SpellVersionRow): z.infer<typeof versionSchema> {
  return { version: row.version, sha256: row.moduleSha256, exports: row.exports, function_name: row.functionName, created_at: row.createdAt.toISOString() };
}

/** What a view of a spell needs beside its row. */
export interface SpellViewContext {
  /** The viewer's tenant. */
  tenantId: string;
  owner: string;
  latestVersion: number | null;
  casts?: { total: number; succeeded: number; failed: number } | undefined;
  /** Until when its pinned casts run, when it is deleted. */
  pinnedUntil?: Date | null | undefined;
}

export function viewSpell(row: SpellRow, options: SpellViewContext): z.infer<typeof spellSchema> {
  const owned = row.tenantId === options.tenantId;
  const { total = 0, succeeded = 0, failed = 0 } = options.casts ?? {};
  const finished = succeeded + failed;
  return {
    name: row.name,
    owner: options.owner,
    full_name: `${options.owner}/${row.name}`,
    description: row.description,
    visibility: row.visibility,
    price_cents: row.priceCents,
    function_name: row.functionName,
    timeout_ms: row.timeoutMs,
    input_schema: row.inputSchema ?? null,
    tags: row.tags,
    owned,
    latest_version: options.latestVersion,
    casts: total,
    success_rate: finished === 0 ? null : Math.round((succeeded / finished) * 1000) / 1000,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    deleted_at: row.deletedAt?.toISOString() ?? null,
    pinned_until: options.pinnedUntil?.toISOString() ?? null,
    unpublished: owned && row.unpublishedAt ? { at: row.unpublishedAt.toISOString(), reason: row.unpublishedReason ?? '' } : null,
  };
}
