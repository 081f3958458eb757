import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { findOwnSpell } from './own-spell.js';
import { spellName } from './views.js';
import { readSpellStats } from './stats.js';
import { readSpellShare } from '../creators/earnings.js';

/** `GET /v1/spells/:name/stats`: the creator's view of a spell's casts and earnings. */
export const spellStatsRoute: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/spells/:name/stats',
    {
      schema: {
        operationId: 'getSpellStats',
        tags: ['spells'],
        summary: 'Casts of your own spell (a bare name) by everyone, and what it earned you',
        params: z.object({ name: spellName }),
        response: {
          200: z.object({
            casts: z.number().int(),
            succeeded: z.number().int(),
            failed: z.number().int(),
            earnings_cents: z.number().int().describe('Your share of the price of its casts by others, net of refunds and lost disputes (your own casts earn nothing)'),
            last_cast_at: z.string().nullable(),
          }),
          ...errorResponses(400, 401, 404, 429),
        },
      },
    },
    async (request) => {
      const spell = await findOwnSpell(services, authOf(request.auth), request.params.name, { deleted: 'allow' });
      const [stats, earnings] = await Promise.all([readSpellStats(services.db, spell.id), readSpellShare(services.db, spell.id)]);
      return {
        casts: stats.casts,
        succeeded: stats.succeeded,
        failed: stats.failed,
        earnings_cents: earnings,
        last_cast_at: stats.lastCastAt?.toISOString() ?? null,
      };
    },
  );
};
