import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { admitCast } from './admit-cast.js';
import { abandonCast, settleCast } from './lifecycle.js';
import { AppError } from '../errors.js';
import { errorResponses, errorSchema } from '../http/schemas.js';
import type { Services } from '../services.js';
import { captureCastResult } from './cast-results.js';
import { castBodySchema } from './cast-body.js';
import { runSpell } from './cast-spell.js';
import { castLogFields, viewCastLogs } from './log-views.js';

/** Set on a cast's response once the period's usage is past the budget's soft limit. */
export const SOFT_LIMIT_HEADER = 'spell-budget-warning';

/** `422` of a cast that ran and failed: which cast, and what the spell wrote before it failed. */
const castFailedSchema = errorSchema
  .extend({
    cast_id: z.uuid().optional().describe('On a failed cast (`spell_*`): the cast, as `GET /v1/casts/{id}` shows it'),
    duration_ms: z.number().optional(),
    exit_code: z.number().int().optional().describe('A WASI spell that ended with `proc_exit(n)`, n ≠ 0: its exit code'),
    logs: castLogFields.logs.optional(),
    logs_truncated: castLogFields.logs_truncated.optional(),
  })
  .meta({ id: 'CastFailedError' });

const budgetWarning = {
  type: 'string',
  description: '`soft_limit_exceeded` once the period’s spending is past the budget’s soft limit; absent otherwise.',
} as const;

/**
 * `POST /v1/cast`. The checks run in the order the product promises — auth, tenant status, spell,
 * input, price, hard budget (`admitCast`), rate limit — and only then does the spell run. The budget hold is taken before the
 * rate limit so a refused cast never costs quota twice; a rate-limited cast gives its hold back.
 */
export const castRoute: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/cast',
    {
      // The input goes to the spell as JSON bytes and is kept as JSON text (escaped), so a NUL in it is data.
      config: {
        limit: 'manual',
        opaqueBodyFields: ['input'],
        openapi: {
          responseHeaders: {
            200: { [SOFT_LIMIT_HEADER]: budgetWarning },
            422: { [SOFT_LIMIT_HEADER]: budgetWarning },
            503: { 'Retry-After': { type: 'integer', description: 'On `runtime_busy`: seconds to wait before trying again.' } },
          },
        },
      },
      schema: {
        operationId: 'castSpell',
        tags: ['casts'],
        summary: 'Cast a spell: owner/name or owner/name@version (a bare name is your own), with any JSON input',
        description:
          'Casts run in a shared worker pool, served round-robin across tenants. `429 runtime_busy` (with `Retry-After`): your account already has its share of casts running and waiting; others still cast. `503 runtime_busy` (with `Retry-After`): the whole pool is saturated. A cast refused either way costs nothing. ' +
          'The answer carries what the spell wrote (Extism `log_*`, WASI stdout and stderr) as `logs`, capped per cast, on success and on a `422` failure of a cast that ran; `GET /v1/casts/{id}` shows the same lines until they expire, with the cast’s input and output (each up to `CAST_RESULT_MAX_BYTES`) and a failure’s message, kept for `CAST_OUTPUT_RETENTION_DAYS`. A cast the pool ended (time limit, a crashed worker) has no logs.',
        body: castBodySchema,
        response: {
          200: z.object({ cast_id: z.uuid(), output: z.unknown(), duration_ms: z.number(), cost_cents: z.number().int(), ...castLogFields }),
          ...errorResponses(400, 401, 402, 403, 404, 410, 429, 503),
          422: castFailedSchema,
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const started = await admitCast(services, auth, request.body);
      const { target } = started;
      const price = started.pricing.priceCents;
      try {
        await app.enforceRateLimit(request, reply);
      } catch (error) {
        await abandonCast(services.db, started.castId, services.clock.now());
        throw error;
      }

      let outcome: Awaited<ReturnType<typeof runSpell>>;
      try {
        outcome = await runSpell(services, target, request.body.input, auth.tenant.id);
      } catch (error) {
        // Nothing ran to completion: release the hold now rather than leave the cast running until
        // it expires (when the database itself is gone, the expiry does it later).
        await abandonCast(services.db, started.castId, services.clock.now()).catch((abandonError: unknown) => {
          request.log.warn({ err: abandonError, castId: started.castId }, 'could not abandon a cast that failed to run');
        });
        throw error;
      }
      const costCents = outcome.ok ? price : 0;
      const settlement = await settleCast(services.db, {
        castId: started.castId,
        status: outcome.ok ? 'succeeded' : 'failed',
        errorCode: outcome.ok ? null : outcome.code,
        durationMs: Math.round(outcome.durationMs),
        costCents,
        now: services.clock.now(),
        logs: outcome.logs,
        record: captureCastResult(request.body.input, outcome, services.config.castResultMaxBytes),
        money: services.config.money,
      });
      if (settlement.creatorCents > 0) services.metrics.creatorEarnings.inc(settlement.creatorCents);
      if (settlement.softLimitExceeded) reply.header(SOFT_LIMIT_HEADER, 'soft_limit_exceeded');
      const durationMs = Math.round(outcome.durationMs * 1000) / 1000;
      if (!outcome.ok && outcome.busy) {
        reply.header('retry-after', outcome.busy.retryAfterSeconds);
        throw new AppError(
          outcome.code,
          outcome.message,
          { cast_id: started.castId, duration_ms: durationMs, retry_after_seconds: outcome.busy.retryAfterSeconds },
          { alternativeStatus: outcome.busy.scope === 'tenant' },
        );
      }
      if (!outcome.ok) {
        throw new AppError(outcome.code, outcome.message, {
          cast_id: started.castId,
          duration_ms: durationMs,
          ...(outcome.exitCode !== undefined && { exit_code: outcome.exitCode }),
          ...viewCastLogs(outcome.logs),
        });
      }
      return { cast_id: started.castId, output: outcome.output, duration_ms: durationMs, cost_cents: costCents, ...viewCastLogs(outcome.logs) };
    },
  );
};
