import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { auditActionList } from '../audit/actions.js';
import { listAuditLogs } from '../audit/audit-log.js';
import { auditLogSchema, viewAuditLog } from '../audit/views.js';

/** `GET /v1/audit-logs`: the caller's tenant's own trail (what operators, Stripe and its users did to it). */
export const tenantAuditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/audit-logs',
    {
      schema: {
        operationId: 'listTenantAuditLogs',
        tags: ['me'],
        summary: 'The tenant’s own audit trail, newest first (the account owner only)',
        description:
          'Every audited change to the tenant: licenses, entitlements, status, `handle_changed`, and an operator’s ' +
          '`spell_unpublished` / `spell_republished` of its spells (with the reason). Filter by `action`.',
        querystring: z.object({ action: z.string().trim().min(1).max(100).optional().describe(`One of ${auditActionList}`), ...pageQuery }),
        response: {
          200: z.object({ audit_logs: z.array(auditLogSchema), next_cursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      if (auth.user.role !== 'owner') throw new AppError('forbidden', 'Only the account owner can read the audit log.');
      const { action, limit, cursor } = request.query;
      const rows = await listAuditLogs(services.db, {
        tenantId: auth.tenant.id,
        action,
        before: cursor ? decodeCursor(cursor) : undefined,
        limit: limit + 1,
      });
      const { page, nextCursor } = toPage(rows, limit, (row) => row);
      return { audit_logs: page.map(viewAuditLog), next_cursor: nextCursor };
    },
  );
};
