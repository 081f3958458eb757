/**
 * A spell's settings as the API takes them: every field of `PATCH /v1/spells/:name`, which
 * `POST /v1/spells` takes too so a spell is created with them in one step.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { checkInputSchema } from './input-schema.js';
import type { SpellChanges } from './registry.js';
import { isInitialiser } from './runtime/wasm-linking.js';

/** The function a cast calls unless the spell names another (the column's default too). */
export const DEFAULT_FUNCTION_NAME = 'cast';

const price = z.number().int().min(0).max(1_000_000).nullable();
/** An exported function's name, as a spell's `function_name`. */
export const functionName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'must be an exported function name' })
  .refine((name) => !isInitialiser(name), { error: 'is a module initialiser (_initialize, _start, hs_init), which runs before every call; name the function a cast calls' });

/** A catalog tag: a lower-case word (letters, digits, inner dashes). */
export const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
export const MAX_TAGS = 10;
/** A README's cap, in characters. */
export const MAX_README_CHARS = 64 * 1024;

const tags = z
  .array(z.string().regex(TAG_PATTERN, { error: 'must be 1–32 lower-case letters, digits or inner dashes' }))
  .max(MAX_TAGS)
  .transform((list) => [...new Set(list)]);

/** The settings' fields, each optional; `maxTimeoutMs` is the server's cap on a cast's time limit. */
export function spellSettingsFields(maxTimeoutMs: number) {
  return {
    description: z.string().max(2_000).optional(),
    visibility: z.enum(['public', 'private']).optional(),
    price_cents: price.optional(),
    function_name: functionName.optional().describe('The exported function a cast calls (default `cast`)'),
    timeout_ms: z.number().int().min(10).max(maxTimeoutMs).nullable().optional().describe('A cast’s time limit; null: the server’s default'),
    input_schema: z.record(z.string(), z.unknown()).nullable().optional().describe('A JSON Schema (draft-07) every cast’s input must match'),
    tags: tags.optional().describe(`Up to ${MAX_TAGS} catalog tags (duplicates dropped)`),
    readme: z.string().max(MAX_README_CHARS).optional().describe('The spell’s page, in Markdown (raw HTML is shown as text, never run)'),
  };
}

export type SpellSettings = z.infer<z.ZodObject<ReturnType<typeof spellSettingsFields>>>;

/** Refuses an input schema the server cannot enforce, naming the field. */
export function checkSettings(settings: SpellSettings): void {
  if (!settings.input_schema) return;
  const checked = checkInputSchema(settings.input_schema);
  if (!checked.ok) throw new AppError('validation_failed', checked.reason, { issues: [{ in: 'body', path: '/input_schema', message: checked.reason }] });
}

/** The settings that were sent, as the registry's column changes. */
export function settingsChanges(settings: SpellSettings): SpellChanges {
  const { description, visibility, price_cents, function_name, timeout_ms, input_schema, tags, readme } = settings;
  return {
    ...(description !== undefined && { description }),
    ...(visibility !== undefined && { visibility }),
    ...(price_cents !== undefined && { priceCents: price_cents }),
    ...(function_name !== undefined && { functionName: function_name }),
    ...(timeout_ms !== undefined && { timeoutMs: timeout_ms }),
    ...(input_schema !== undefined && { inputSchema: input_schema }),
    ...(tags !== undefined && { tags }),
    ...(readme !== undefined && { readme }),
  };
}
