import { parseDollars } from './format';

/**
 * Reading a spell's settings from a form's text, shared by the publish form and a spell's
 * settings: each answers the value the API takes, or what to fix.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Dollars, or empty for the server's default cost (null). */
export function parsePrice(text: string): Parsed<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const cents = parseDollars(text);
  return cents === null ? { ok: false, reason: 'Enter the price in dollars, e.g. 0.02.' } : { ok: true, value: cents };
}

/** Milliseconds, or empty for the server's default (null). */
export function parseTimeout(text: string): Parsed<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const timeout = Number(text.trim());
  return Number.isInteger(timeout) ? { ok: true, value: timeout } : { ok: false, reason: 'Enter the time limit as a whole number of milliseconds.' };
}

/** A JSON Schema object, or empty for none (null). */
export function parseInputSchema(text: string): Parsed<Record<string, unknown> | null> {
  if (text.trim() === '') return { ok: true, value: null };
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The input schema is not valid JSON.' };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { ok: false, reason: 'The input schema must be a JSON object.' };
  return { ok: true, value: schema as Record<string, unknown> };
}

/** Tags typed with commas or spaces between them: lower-cased, a leading `#` dropped, each once. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#/, '').toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** An input schema as the settings' text shows it. */
export const schemaText = (schema: unknown) => (schema === null || schema === undefined ? '' : JSON.stringify(schema, null, 2));
