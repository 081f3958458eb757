import { Ajv, type ValidateFunction } from 'ajv';

/** A field-level reason a cast's input was refused. */
export interface InputIssue {
  path: string;
  message: string;
}

// Strict mode refuses unknown keywords, so a creator's typo in a schema is an upload-time error
// rather than a check that silently never runs.
const ajv = new Ajv({ allErrors: true, strict: true });
const MAX_SCHEMA_BYTES = 64 * 1024;
const cache = new Map<string, ValidateFunction>();

/** Checks that `schema` is a JSON Schema (draft-07) we can enforce; returns why not otherwise. */
export function checkInputSchema(schema: unknown): { ok: true } | { ok: false; reason: string } {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { ok: false, reason: 'input_schema must be a JSON Schema object' };
  }
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) {
    return { ok: false, reason: `input_schema must be under ${MAX_SCHEMA_BYTES / 1024} KiB` };
  }
  try {
    ajv.compile(schema);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `input_schema is not a valid JSON Schema: ${(error as Error).message}` };
  }
}

/**
 * Validates a cast's input against the spell's schema. Compiled validators are cached per spell
 * revision (`cacheKey` changes whenever the schema does).
 */
export function validateCastInput(
  schema: unknown,
  input: unknown,
  cacheKey: string,
): { ok: true } | { ok: false; issues: InputIssue[] } {
  if (schema === null || schema === undefined) return { ok: true };
  let validate = cache.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(schema as object);
    if (cache.size > 1_000) cache.clear();
    cache.set(cacheKey, validate);
  }
  if (validate(input)) return { ok: true };
  return {
    ok: false,
    issues: (validate.errors ?? []).map((error) => ({
      path: error.instancePath || '/',
      message: error.message ?? 'is invalid',
    })),
  };
}
