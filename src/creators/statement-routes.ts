import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { buildStatement, listPayouts, STATEMENT_COLUMNS, statementCsv } from './statement.js';
import { payoutSchema, viewPayout } from './views.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month, YYYY-MM' });

/** A creator's payouts and monthly statements: only ever the caller's own tenant's. */
export const creatorStatementRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['creator'];

  app.get(
    '/v1/creator/payouts',
    {
      schema: {
        operationId: 'listCreatorPayouts',
        tags,
        summary: 'Your payouts, newest first (pass next_cursor as cursor for the next page)',
        querystring: z.object(pageQuery),
        response: { 200: z.object({ payouts: z.array(payoutSchema), next_cursor: z.string().nullable() }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const { limit, cursor } = request.query;
      const rows = await listPayouts(services.db, { tenantId: auth.tenant.id, limit: limit + 1, before: cursor ? decodeCursor(cursor) : undefined });
      const { page, nextCursor } = toPage(rows, limit, (row) => row);
      return { payouts: page.map(viewPayout), next_cursor: nextCursor };
    },
  );

  app.get(
    '/v1/creator/statements/:month',
    {
      config: { openapi: { responseContentType: { 200: 'text/csv' } } },
      schema: {
        operationId: 'getCreatorStatement',
        tags,
        summary: 'Your statement for a month (UTC), as CSV',
        description:
          `A header row (${STATEMENT_COLUMNS.map((column) => `\`${column}\``).join(', ')}), then one \`earning\` line per day, spell ` +
          'and share (casts of your spells by others settled that day: gross price, your share, what it earned, what refunds and ' +
          'lost disputes took back since, net), one `payout` line per payout made that month, and a `total` line (its ' +
          '`payout_cents`: the payouts Stripe paid). Amounts are whole cents.',
        params: z.object({ month }),
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const { month: wanted } = request.params;
      const lines = await buildStatement(services.db, auth.tenant.id, wanted, services.config.money.currency);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="spell-statement-${auth.tenant.handle}-${wanted}.csv"`)
        .send(statementCsv(lines));
    },
  );
};
