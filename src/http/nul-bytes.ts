import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Top-level body fields that are opaque JSON handed on unchanged and never stored in a text
     * column (a cast's `input`): a NUL character inside them is data, so the NUL rule skips them.
     */
    opaqueBodyFields?: readonly string[];
  }
}

const NUL = '\u0000';

type Location = 'body' | 'querystring' | 'params';

/** A JSON pointer segment (RFC 6901), so the reported path names the field exactly. */
function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1').replaceAll(NUL, '\\u0000');
}

/**
 * The JSON pointer of the first string or object key holding a NUL, or `null`. Iterative, so a
 * deeply nested body cannot overflow the stack; bytes (Wasm uploads, Stripe's raw body) are skipped.
 */
export function findNul(value: unknown, skipTopLevel: readonly string[] = []): string | null {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = `${path}/${pointerSegment(key)}`;
      if (key.includes(NUL)) return childPath;
      if (path === '' && skipTopLevel.includes(key) && !Array.isArray(current)) continue;
      pending.push([child, childPath]);
    }
  }
  return null;
}

function refuseIfNul(request: FastifyRequest): void {
  const sources: [Location, unknown, readonly string[]][] = [
    ['params', request.params, []],
    ['querystring', request.query, []],
    ['body', request.body, request.routeOptions.config.opaqueBodyFields ?? []],
  ];
  for (const [location, value, skip] of sources) {
    const path = findNul(value, skip);
    if (path === null) continue;
    throw new AppError('validation_failed', 'Text may not contain the NUL character (\\u0000).', {
      issues: [{ in: location, path, message: 'must not contain the NUL character (\\u0000)' }],
    });
  }
}

/**
 * PostgreSQL cannot store U+0000 in text (or jsonb), so a NUL reaching a query fails there as a
 * 500. One rule at the edge, for every route old and new: before schema validation, any NUL in a
 * path parameter, query string value or JSON body string (or key) is a 400 `validation_failed`.
 */
export function refuseNulBytes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseIfNul(request);
  });
}
