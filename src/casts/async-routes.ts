import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { admitCast } from './admit-cast.js';
import { cancelQueuedCast } from './async-lifecycle.js';
import { emitCastFinalEvent } from './cast-events.js';
import { castTimeoutMs } from './cast-spell.js';
import { castSchema, viewCast } from './cast-views.js';
import { abandonCast } from './lifecycle.js';
import { findCast } from './records.js';
import { castBodySchema } from './cast-body.js';
import { refuseEndpointUrl } from '../webhooks/targets.js';
import { findTenantSecret } from '../webhooks/tenant-secret.js';

const asyncCastBody = castBodySchema.extend({
  webhook_url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional()
    .describe(
      'Where the cast’s own `cast.succeeded` / `cast.failed` event is POSTed, signed with the tenant’s webhook secret (`POST /v1/tenant/webhook-secret` first, or `409 webhook_secret_required`); the same URL rules as a webhook endpoint',
    ),
  timeout_ms: z
    .int()
    .min(10)
    .optional()
    .describe('How long the cast may run once a worker takes it, up to `SPELL_MAX_ASYNC_TIMEOUT_MS` (default: the spell’s own timeout)'),
});

/**
 * `POST /v1/casts` queues a cast for a worker after exactly the checks, hold and charge of a sync
 * cast (`admitCast`); `POST /v1/casts/{id}/cancel` withdraws one still queued at no cost.
 */
export const asyncCastRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['casts'];

  app.post(
    '/v1/casts',
    {
      config: {
        limit: 'manual',
        opaqueBodyFields: ['input'],
        openapi: { responseHeaders: { 202: { Location: { type: 'string', description: 'The cast: `GET` it for its status and, once done, its output' } } } },
      },
      schema: {
        operationId: 'queueCast',
        tags,
        summary: 'Queue a cast to run in the background (same body as /v1/cast, plus webhook_url and timeout_ms)',
        description:
          'Runs every check of `POST /v1/cast` in the same order (account status, spell, input schema, `max_price_cents`, hard budget, prepaid credit, rate limit) and takes the same budget hold and credit charge now, then answers `202` with the queued cast. ' +
          'Poll `GET /v1/casts/{id}` (the `Location` header): `queued → running → succeeded | failed | canceled`, with its output and logs once done, kept for `CAST_OUTPUT_RETENTION_DAYS`. ' +
          'Queued casts are served round-robin across accounts. A cast still queued after `CAST_QUEUE_TTL_MS` fails as `expired`, and one whose worker died fails as `interrupted`; neither costs anything. ' +
          '`POST /v1/casts/{id}/cancel` withdraws a cast still queued, at no cost.',
        body: asyncCastBody,
        response: {
          202: castSchema.extend({ cast_id: z.uuid(), price_cents: z.number().int(), timeout_ms: z.number().int() }),
          ...errorResponses(400, 401, 402, 403, 404, 409, 410, 429),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const { maxTimeoutMs, queueTtlMs } = services.config.asyncCasts;
      const asked = request.body.timeout_ms;
      if (asked !== undefined && asked > maxTimeoutMs) {
        throw new AppError('validation_failed', `timeout_ms may be at most ${maxTimeoutMs} (SPELL_MAX_ASYNC_TIMEOUT_MS).`, {
          issues: [{ in: 'body', path: '/timeout_ms', message: `must be at most ${maxTimeoutMs}` }],
        });
      }
      if (request.body.webhook_url !== undefined) await checkWebhookUrl(services, auth.tenant.id, request.body.webhook_url);
      const admitted = await admitCast(services, auth, request.body, {
        queued: (target) => ({
          timeoutMs: asked ?? castTimeoutMs(services, target.spell),
          queueExpiresAt: new Date(services.clock.now().getTime() + queueTtlMs),
          webhookUrl: request.body.webhook_url ?? null,
        }),
      });
      try {
        await app.enforceRateLimit(request, reply);
      } catch (error) {
        await abandonCast(services.db, admitted.castId, services.clock.now());
        throw error;
      }
      const entry = await findCast(services.db, { tenantId: auth.tenant.id, userId: auth.user.id, castId: admitted.castId });
      if (!entry) throw new Error('a queued cast vanished before its answer');
      try {
        await services.castQueue.enqueue(admitted.castId, auth.tenant.id, { rank: entry.cast.queueRank ?? 1 });
      } catch (error) {
        // The queue is unreachable: withdraw the cast (hold and charge given back) rather than leave it to expire.
        await abandonCast(services.db, admitted.castId, services.clock.now());
        throw error;
      }
      reply.code(202).header('location', `/v1/casts/${admitted.castId}`);
      return { ...viewCast(entry), cast_id: admitted.castId, price_cents: admitted.pricing.priceCents, timeout_ms: entry.cast.timeoutMs ?? 0 };
    },
  );

  app.post(
    '/v1/casts/:id/cancel',
    {
      schema: {
        operationId: 'cancelCast',
        tags,
        summary: 'Cancel a queued async cast: its budget hold and credit charge are given back, and it costs nothing',
        description: 'Only a cast still `queued` can be canceled: once a worker took it (`running`) or it finished, the answer is `409 cast_not_cancelable`.',
        params: z.object({ id: z.uuid() }),
        response: { 200: castSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const owner = { tenantId: auth.tenant.id, userId: auth.user.id, castId: request.params.id };
      const entry = await findCast(services.db, owner);
      if (!entry) throw new AppError('not_found', 'No such cast.');
      const canceled = await cancelQueuedCast(services.db, { castId: entry.cast.id, tenantId: auth.tenant.id, now: services.clock.now() });
      if (!canceled.ok) {
        const current = (await findCast(services.db, owner)) ?? entry;
        throw new AppError('cast_not_cancelable', `This cast is ${current.cast.status}; only a queued cast can be canceled.`, { status: current.cast.status });
      }
      emitCastFinalEvent(services, { castId: entry.cast.id, tenantId: auth.tenant.id, status: 'canceled', errorCode: null });
      const after = await findCast(services.db, owner);
      return viewCast(after ?? entry);
    },
  );
};

/**
 * A cast's `webhook_url` follows an endpoint's URL rules (no private, loopback or link-local target
 * unless `WEBHOOK_ALLOW_PRIVATE_TARGETS`), and needs the tenant's signing secret to exist already:
 * one made silently could never be used to verify what arrives.
 */
async function checkWebhookUrl(services: Services, tenantId: string, url: string): Promise<void> {
  const refused = refuseEndpointUrl(url, { allowPrivate: services.config.webhooks.allowPrivateTargets, env: services.config.env });
  if (refused) throw new AppError('validation_failed', `The webhook_url ${refused}.`, { issues: [{ in: 'body', path: '/webhook_url', message: refused }] });
  if (!(await findTenantSecret(services.db, tenantId))) {
    throw new AppError(
      'webhook_secret_required',
      'A cast with a webhook_url is signed with the account’s webhook secret, which does not exist yet: its owner makes it with POST /v1/tenant/webhook-secret (shown once).',
    );
  }
}
