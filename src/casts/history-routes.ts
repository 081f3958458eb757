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
import { findCast, listCasts } from './records.js';
import { castResultFields, viewCastResult } from './result-views.js';
import { castSchema, viewCast } from './cast-views.js';
import { castDeliveryFields, listCastDeliveries } from '../webhooks/cast-deliveries.js';

const DAY_MS = 86_400_000;

/** One cast with its input, output and what its spell wrote: only ever shown to the cast's own caster. */
const castDetailSchema = castSchema.extend({ ...castResultFields, ...castLogFields, ...castDeliveryFields }).meta({ id: 'CastDetail' });

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
          'Deliveries of its own event to its `webhook_url` are in `webhook_deliveries`, each with its attempts. ' +
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
      const [result, logs, deliveries] = await Promise.all([
        findCastResult(services.db, { ...owner, keptSince: new Date(services.clock.now().getTime() - retentionMs) }),
        findCastLogs(services.db, owner),
        listCastDeliveries(services.db, owner),
      ]);
      return { ...viewCast(entry), ...viewCastResult(result, retentionMs), ...viewCastLogs(logs), webhook_deliveries: deliveries };
    },
  );
};
