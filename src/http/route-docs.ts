import { STATUS_CODES } from 'node:http';
import type { FastifySchema, RouteOptions } from 'fastify';

/** An OpenAPI header object's schema and meaning. */
export interface HeaderDoc {
  type: 'integer' | 'string';
  description: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What a route's zod schemas cannot say, for the OpenAPI document only: a request body that is
     * not JSON (raw Wasm, multipart), and response headers of its own, by status.
     */
    openapi?: {
      requestBody?: { description?: string; content: Record<string, { schema: Record<string, unknown> }> };
      /** Content types a route takes besides its JSON body (whose schema stays the route's zod one). */
      otherContent?: Record<string, { schema: Record<string, unknown> }>;
      responseHeaders?: Record<number, Record<string, HeaderDoc>>;
      /** A success answered in another content type than JSON (its errors stay JSON), by status. */
      responseContentType?: Record<number, string>;
    };
  }
}

const RATE_LIMIT_HEADERS: Record<string, HeaderDoc> = {
  'RateLimit-Limit': { type: 'integer', description: 'Requests allowed per window for this caller.' },
  'RateLimit-Remaining': { type: 'integer', description: 'Requests left in the current window.' },
  'RateLimit-Reset': { type: 'integer', description: 'Seconds until the current window ends.' },
};

const RETRY_AFTER: Record<string, HeaderDoc> = {
  'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again.' },
};

const REPLAYED: Record<string, HeaderDoc> = {
  'Idempotent-Replayed': { type: 'string', description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.' },
};

const IDEMPOTENCY_KEY_PARAMETER = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7e]+$',
  description:
    'Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) ' +
    'and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant.',
};

type ResponseDocs = Record<string, Record<string, unknown>>;

/**
 * Completes a route's OpenAPI operation from how the route is configured, so the document says
 * what the server does: public and anonymous routes declare no security; rate-limited answers
 * carry `RateLimit-*` (admin routes count only refusals), every 429 `Retry-After`; and the
 * route's own `config.openapi` adds its request body and headers.
 */
export function documentRoute(schema: FastifySchema, route: RouteOptions): FastifySchema {
  const config = route.config ?? {};
  const open = config.auth === 'public' || config.auth === 'anonymous';
  const limited = config.limit !== 'off';
  const response: ResponseDocs = { ...((schema.response ?? {}) as ResponseDocs) };
  // Every route with a body answers another Content-Type with 415, in the error shape of its 400.
  const takesBody = schema.body !== undefined || config.openapi?.requestBody !== undefined;
  if (takesBody && response['415'] === undefined && response['400'] !== undefined) response['415'] = response['400'];
  // Every authenticated POST takes an Idempotency-Key (src/http/idempotency.ts): a malformed one is a 400, and it may answer 409 and 422.
  const idempotent = route.method === 'POST' && !open;
  const errorDoc = response['400'] ?? response['401'];
  if (idempotent && errorDoc !== undefined) {
    // The error shape without the copied status's description: the loop below names each status.
    const shape = Object.fromEntries(Object.entries(errorDoc).filter(([name]) => name !== 'description'));
    for (const status of ['400', '409', '422']) response[status] ??= shape;
  }
  for (const [status, doc] of Object.entries(response)) {
    const code = Number(status);
    const headers: Record<string, HeaderDoc> = {
      ...(limited && (code === 429 || (code < 400 && config.auth !== 'admin')) ? RATE_LIMIT_HEADERS : {}),
      ...(code === 429 ? RETRY_AFTER : {}),
      ...(idempotent && code < 300 ? REPLAYED : {}),
      ...config.openapi?.responseHeaders?.[code],
    };
    // A response's description is what generated clients put in their errors: say the status, not "Default Response".
    const described = typeof doc.description === 'string' ? doc : { ...doc, description: STATUS_CODES[code] ?? `HTTP ${status}` };
    const withHeaders = Object.keys(headers).length > 0 ? { ...described, headers: { ...(described.headers as object | undefined), ...headers } } : described;
    const contentType = config.openapi?.responseContentType?.[code];
    if (contentType) {
      const { description, headers: documented, ...schemaOnly } = withHeaders;
      response[status] = { description, ...(documented !== undefined && { headers: documented }), content: { [contentType]: { schema: schemaOnly } } };
    } else {
      response[status] = withHeaders;
    }
  }
  const otherContent = config.openapi?.otherContent;
  const body =
    config.openapi?.requestBody ??
    (otherContent && schema.body !== undefined ? { content: { 'application/json': { schema: schema.body }, ...otherContent } } : undefined);
  const headers = schema.headers as { type?: string; properties?: Record<string, unknown> } | undefined;
  return {
    ...schema,
    ...(idempotent && {
      headers: { ...headers, type: 'object', properties: { ...headers?.properties, 'Idempotency-Key': IDEMPOTENCY_KEY_PARAMETER } },
    }),
    ...(open && { security: [] }),
    ...(body && { body }),
    response,
  };
}
