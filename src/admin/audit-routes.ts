import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActionList } from '../audit/actions.js';
import { listAuditLogs } from '../audit/audit-log.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses, isoDate } from '../http/schemas.js';
import type { Services } from '../services.js';
import { auditLogSchema, viewAuditLog } from './views.js';

export const adminAuditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/admin/audit-logs',
    {
      schema: {
        operationId: 'listAuditLogs',
        tags: ['admin'],
        summary: 'The audit trail, newest first: filter by action, actor, tenant, target and time',
        querystring: z.object({
          action: z.string().trim().min(1).max(100).optional().describe(`One of ${auditActionList}`),
          actor_type: z.enum(['operator', 'user', 'stripe', 'system']).optional(),
          actor_id: z.string().trim().min(1).max(200).optional(),
          tenant_id: z.uuid().optional(),
          target_type: z.string().trim().min(1).max(100).optional(),
          target_id: z.string().trim().min(1).max(200).optional(),
          from: isoDate.optional().describe('inclusive, ISO 8601'),
          to: isoDate.optional().describe('exclusive, ISO 8601'),
          ...pageQuery,
        }),
        response: {
          200: z.object({ audit_logs: z.array(auditLogSchema), next_cursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const query = request.query;
      const rows = await listAuditLogs(services.db, {
        action: query.action,
        actorType: query.actor_type,
        actorId: query.actor_id,
        tenantId: query.tenant_id,
        targetType: query.target_type,
        targetId: query.target_id,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const { page, nextCursor } = toPage(rows, query.limit, (row) => row);
      return { audit_logs: page.map(viewAuditLog), next_cursor: nextCursor };
    },
  );
};
