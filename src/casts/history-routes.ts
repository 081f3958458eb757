import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { findCastLogs } from './cast-logs.js';
import { findCastResult } from './cast-results.js';
import { castLogFields, viewCastLogs } from './log-views.js';
import { findCast, listCasts, type CastHistoryEntry } from './records.js';
import { castResultFields, viewCastResult } from './result-views.js';
import { CAST_MODES, CAST_STATUSES } from '../db/values.js';

const DAY_MS = 86_400_000;

export const castSchema = z
  .object({
    id: z.uuid(),
    spell: z.string().describe('`owner/name` of the spell cast'),
    version: z.number().int(),
    status: z
      .enum(CAST_STATUSES)
      .describe('`queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`'),
    mode: z.enum(CAST_MODES).describe('`sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)'),
    error_code: z
      .string()
      .nullable()
      .describe('Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost)'),
    duration_ms: z.number().int().nullable(),
    cost_cents: z.number().int().nullable(),
    created_at: z.string().describe('When it was accepted (an async cast: queued)'),
    started_at: z.string().nullable().describe('When it started running (an async cast: when a worker took it); `null` while queued'),
    finished_at: z.string().nullable(),
    queue_expires_at: z.string().nullable().describe('An async cast still queued at this time fails as `expired`; `null` for sync casts'),
    webhook_url: z.string().nullable().describe('The async cast’s own `webhook_url`, as given'),
  })
  .meta({ id: 'Cast' });

/** One cast with its input, output and what its spell wrote: only ever shown to the cast's own caster. */
const castDetailSchema = castSchema.extend({ ...castResultFields, ...castLogFields }).meta({ id: 'CastDetail' });

export function viewCast(entry: CastHistoryEntry): z.infer<typeof castSchema> {
  const { cast } = entry;
  return {
    id: cast.id,
    spell: `${entry.owner}/${entry.spellName}`,
    version: entry.version,
    status: cast.status,
    mode: cast.mode,
    error_code: cast.errorCode,
    duration_ms: cast.durationMs,
    cost_cents: cast.costCents,
    created_at: cast.createdAt.toISOString(),
    started_at: (cast.startedAt ?? (cast.mode === 'sync' ? cast.createdAt : null))?.toISOString() ?? null,
    finished_at: cast.finishedAt?.toISOString() ?? null,
    queue_expires_at: cast.mode === 'async' ? (cast.queueExpiresAt?.toISOString() ?? null) : null,
    webhook_url: cast.webhookUrl,
  };
}

export const castHistoryRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['casts'];

  app.get(
    '/v1/casts',
    {
      schema: {
        operationId: 'listCasts',
        tags,
        summary: 'Your casts, newest first (pass next_cursor as cursor for the next page)',
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ casts: z.array(castSchema), next_cursor: z.string().nullable() }),
          ...errorResponses(400, 401, 429),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const entries = await listCasts(services.db, {
        tenantId: auth.tenant.id,
        userId: auth.user.id,
        limit: request.query.limit + 1,
        before: request.query.cursor ? decodeCursor(request.query.cursor) : undefined,
      });
      const { page, nextCursor } = toPage(entries, request.query.limit, (entry) => entry.cast);
      return { casts: page.map(viewCast), next_cursor: nextCursor };
    },
  );

  app.get(
    '/v1/casts/:id',
    {
      schema: {
        operationId: 'getCast',
        tags,
        summary: 'One of your casts in full: its input, output, error message and what the spell wrote (its logs)',
        description:
          'Shows a cast to the user who cast it, and to no one else: another user of the same account, or another account, gets `404`. ' +
          'Its input and output are kept as JSON text for `CAST_OUTPUT_RETENTION_DAYS` (7 by default, `result_expires_at`), each side only up to `CAST_RESULT_MAX_BYTES` (64 KiB by default): a larger side is `null` with its size in `input_bytes`/`output_bytes`, and `input_kept`/`output_kept` say which is which. A failed cast keeps the message its `422` gave (`error_message`) for as long. ' +
          'The lines its spell wrote through Extism `log_*` and WASI stdout/stderr are capped per cast and kept for `SPELL_LOG_RETENTION_DAYS`. ' +
          'A spell’s owner sees the detail of their own casts (test casts) only: another tenant’s cast of their spell is `404` to them.',
        params: z.object({ id: z.uuid() }),
        response: { 200: castDetailSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const entry = await findCast(services.db, { tenantId: auth.tenant.id, userId: auth.user.id, castId: request.params.id });
      if (!entry) throw new AppError('not_found', 'No such cast.');
      const owner = { castId: entry.cast.id, tenantId: auth.tenant.id };
      const retentionMs = services.config.jobs.castResultRetentionDays * DAY_MS;
      const [result, logs] = await Promise.all([
        findCastResult(services.db, { ...owner, keptSince: new Date(services.clock.now().getTime() - retentionMs) }),
        findCastLogs(services.db, owner),
      ]);
      return { ...viewCast(entry), ...viewCastResult(result, retentionMs), ...viewCastLogs(logs) };
    },
  );
};
