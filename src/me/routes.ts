import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { PLAN_CODES, TENANT_STATUSES } from '../db/values.js';
import { activePlan } from '../tenants/entitlements.js';
import { tenantSchema, userSchema, viewTenant, viewUser } from '../auth/views.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';

export const meRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['me'],
        summary: 'The caller: user, tenant, role, plan and tenant status',
        response: {
          200: z.object({
            user: userSchema,
            tenant: tenantSchema,
            role: z.enum(['owner', 'member']),
            plan: z.enum(PLAN_CODES),
            status: z.enum(TENANT_STATUSES),
            grace_until: z.string().nullable(),
          }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const { user, tenant } = authOf(request.auth);
      const view = viewTenant(tenant);
      return {
        user: viewUser(user, tenant.id),
        tenant: view,
        role: user.role,
        plan: await activePlan(services.db, tenant.id, services.clock.now()),
        status: tenant.status,
        grace_until: view.grace_until,
      };
    },
  );
};
