import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * How deeply a JSON body may nest. Parsing a deep body is cheap, but everything after it that
 * recurses (serialising a cast's input for the spell, schema validation, jsonb) runs out of stack
 * somewhere past a few thousand levels, and then a tiny body answers 500 with its cast left
 * running. 256 is twice serde_json's default recursion limit, which Rust spells parse with.
 */
export const MAX_JSON_DEPTH = 256;

/** The depth of the deepest array or object in `value` (a scalar is 0). Iterative, so any depth is safe to measure. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** One rule at the edge, for every route: a JSON body nested deeper than `MAX_JSON_DEPTH` is a 400. */
export function refuseDeepJson(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (jsonDepth(request.body) <= MAX_JSON_DEPTH) return;
    throw new AppError('validation_failed', `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} deep.`, {
      issues: [{ in: 'body', path: '', message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` }],
    });
  });
}
