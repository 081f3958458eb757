import { z } from 'zod';
import { SPELL_NAME_PATTERN, type SpellRow, type SpellVersionRow } from './registry.js';

/** A spell's name in a path or body. */
export const spellName = z
  .string()
  .regex(SPELL_NAME_PATTERN, { error: 'must be 1–64 lower-case letters, digits or dashes' });

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
    name: z.string(),
    description: z.string(),
    visibility: z.enum(['public', 'private']),
    price_cents: z.number().int().nullable(),
    function_name: z.string(),
    timeout_ms: z.number().int().nullable(),
    input_schema: z.unknown().nullable(),
    owned: z.boolean().describe('true when the caller’s tenant owns the spell'),
    latest_version: z.number().int().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Spell' });

/** A spell with its versions, newest first. */
export const spellDetailSchema = spellSchema.extend({ versions: z.array(versionSchema) }).meta({ id: 'SpellDetail' });

export function viewVersion(row: SpellVersionRow): z.infer<typeof versionSchema> {
  return { version: row.version, sha256: row.moduleSha256, exports: row.exports, function_name: row.functionName, created_at: row.createdAt.toISOString() };
}

export function viewSpell(row: SpellRow, options: { tenantId: string; latestVersion: number | null }): z.infer<typeof spellSchema> {
  return {
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    price_cents: row.priceCents,
    function_name: row.functionName,
    timeout_ms: row.timeoutMs,
    input_schema: row.inputSchema ?? null,
    owned: row.tenantId === options.tenantId,
    latest_version: options.latestVersion,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
