import { createHash } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { idempotencyKeys } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

/** How long a key remembers its request and answer (Stripe's rule). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/**
 * How long a request holds its key while it runs. A request that has not answered by then (its
 * instance died) gives the key up, and the next retry runs it; no request of this API runs that
 * long (a cast is cut off at `SPELL_MAX_TIMEOUT_MS`, at most 10 minutes).
 */
export const IDEMPOTENCY_LEASE_MS = 15 * 60_000;

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request holds while it runs, to store its answer under. */
    idempotency: { scope: string; key: string } | null;
  }
}

/** Whose key it is: a tenant's (any of its users and keys) or an operator's. */
function scopeOf(request: FastifyRequest): { scope: string; tenantId: string | null } | null {
  if (request.auth) return { scope: `tenant:${request.auth.tenant.id}`, tenantId: request.auth.tenant.id };
  if (request.admin) return { scope: `operator:${request.admin.id}`, tenantId: null };
  return null;
}

/** JSON with every object's keys sorted, so two bodies that mean the same give one fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  if (Buffer.isBuffer(request.body)) hash.update('bytes\n').update(request.body);
  else hash.update('json\n').update(canonical(request.body ?? null));
  return hash.digest('hex');
}

/**
 * The headers of an answer that are part of it, kept for its replay: where the created thing is,
 * a download's name and the platform's own (`Spell-Budget-Warning`, …). Not the rate limit's or the
 * request's own, which describe the retry.
 */
function keptHeaders(reply: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    const lower = name.toLowerCase();
    if (value === undefined || !(lower === 'location' || lower === 'content-disposition' || lower.startsWith('spell-'))) continue;
    kept[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}

/** What a retry gets: the first answer, as it was sent (status, body, its own headers), marked as replayed. */
function replay(
  reply: FastifyReply,
  row: { statusCode: number | null; contentType: string | null; headers: Record<string, string> | null; body: string | null },
): FastifyReply {
  for (const [name, value] of Object.entries(row.headers ?? {})) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  if (row.contentType) reply.header('content-type', row.contentType);
  return reply.code(row.statusCode ?? 200).send(row.body ?? '');
}

/**
 * `Idempotency-Key` on every authenticated POST, with Stripe's rules: the same key and the same
 * request within 24 hours gets the first answer replayed (the request does not run again, nothing
 * is charged twice); the same key with a different request is `422 idempotency_mismatch`; a retry
 * while the first request still runs is `409 idempotency_in_flight`. Keys are per tenant (or per
 * operator on the admin API), checked right after authentication, rate limiting and CSRF, in the
 * database, so they hold across instances. An answer the server could not give (5xx) or that
 * refused the request for its rate (429) is not kept: a retry runs again.
 */
export const idempotency = fp<{ services: Services }>(
  async (app: FastifyInstance, { services }) => {
    const { db, clock } = services;
    app.decorateRequest('idempotency', null);

    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST') return;
      const header = request.headers[HEADER];
      if (header === undefined) return;
      const who = scopeOf(request);
      if (!who) return;
      const key = Array.isArray(header) ? undefined : header;
      if (key === undefined || !KEY_PATTERN.test(key)) {
        throw new AppError('validation_failed', 'The Idempotency-Key header must be 1–255 visible ASCII characters, sent once.', {
          issues: [{ in: 'headers', path: '/idempotency-key', message: 'must be 1–255 visible ASCII characters' }],
        });
      }
      const fingerprint = fingerprintOf(request);
      const now = clock.now();
      const lease = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
      const fresh = { scope: who.scope, key, tenantId: who.tenantId, fingerprint, state: 'in_flight' as const, lockedUntil: lease, createdAt: now };
      // Take the key: a new one, one past its 24 hours, or one whose request died mid-way (its
      // lease ran out with no answer). Exactly one of any number of concurrent requests wins.
      const taken = await db
        .insert(idempotencyKeys)
        .values(fresh)
        .onConflictDoUpdate({
          target: [idempotencyKeys.scope, idempotencyKeys.key],
          set: { ...fresh, statusCode: null, contentType: null, headers: null, body: null },
          setWhere: or(
            lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)),
            and(eq(idempotencyKeys.state, 'in_flight'), lt(idempotencyKeys.lockedUntil, now)),
          ),
        })
        .returning({ key: idempotencyKeys.key });
      if (taken.length > 0) {
        request.idempotency = { scope: who.scope, key };
        return;
      }
      const [held] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, who.scope), eq(idempotencyKeys.key, key)));
      // Gone between the two statements (a cleanup, or its request failed with a 5xx): the client retries.
      if (!held || held.state === 'in_flight') {
        reply.header('retry-after', '1');
        throw new AppError('idempotency_in_flight', 'A request with this Idempotency-Key is still running; retry once it has answered.');
      }
      if (held.fingerprint !== fingerprint) {
        throw new AppError(
          'idempotency_mismatch',
          'This Idempotency-Key was used within the last 24 hours for a different request; send a new key for a new request.',
        );
      }
      return replay(reply, held);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const held = request.idempotency;
      if (!held) return payload;
      request.idempotency = null;
      const mine = and(eq(idempotencyKeys.scope, held.scope), eq(idempotencyKeys.key, held.key), eq(idempotencyKeys.state, 'in_flight'));
      const status = reply.statusCode;
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
      try {
        if (status >= 500 || status === 429 || body === null) {
          await db.delete(idempotencyKeys).where(mine);
        } else {
          const contentType = reply.getHeader('content-type');
          await db
            .update(idempotencyKeys)
            .set({ state: 'done', statusCode: status, contentType: typeof contentType === 'string' ? contentType : null, headers: keptHeaders(reply), body })
            .where(mine);
        }
      } catch (error) {
        // The answer still goes out; the key stays held until its lease ends, then a retry runs.
        request.log.warn({ err: (error as Error).message }, 'could not store the answer of an idempotent request');
      }
      return payload;
    });
  },
  { name: 'spell-idempotency', dependencies: ['spell-access'] },
);

/** Deletes keys past their 24 hours, in batches; returns how many went (or would go, dry). */
export async function deleteExpiredIdempotencyKeys(db: Services['db'], now: Date, dryRun: boolean): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  if (dryRun) {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff));
    return row?.count ?? 0;
  }
  let deleted = 0;
  for (;;) {
    const rows = await db.execute(sql`
      delete from idempotency_keys where ctid in (select ctid from idempotency_keys where created_at < ${cutoff} limit 1000) returning 1`);
    const count = Array.isArray(rows) ? rows.length : ((rows as { rows?: unknown[] }).rows?.length ?? 0);
    deleted += count;
    if (count < 1000) return deleted;
  }
}
