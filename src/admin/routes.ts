import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { adminOf, guardAdminRoutes } from './access.js';
import { adminAuditRoutes } from './audit-routes.js';
import { adminCreatorRoutes } from './creator-routes.js';
import { adminLicenseRoutes } from './license-routes.js';
import { adminSpellRoutes } from './spell-routes.js';
import { adminTenantRoutes } from './tenant-routes.js';

/** Every `/v1/admin` route, behind the admin guard (its own scope, so the guard reaches only these). */
export const adminRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  guardAdminRoutes(app, services);

  app.get(
    '/v1/admin/session',
    {
      schema: {
        operationId: 'getAdminSession',
        tags: ['admin'],
        summary: 'The operator behind this admin token (the console signs in with it)',
        response: {
          200: z.object({ admin: z.object({ id: z.uuid(), name: z.string(), created_at: z.string() }) }),
          ...errorResponses(401, 403, 429),
        },
      },
    },
    async (request) => {
      const admin = adminOf(request);
      return { admin: { id: admin.id, name: admin.name, created_at: admin.createdAt.toISOString() } };
    },
  );

  await app.register(adminLicenseRoutes, { services });
  await app.register(adminTenantRoutes, { services });
  await app.register(adminSpellRoutes, { services });
  await app.register(adminCreatorRoutes, { services });
  await app.register(adminAuditRoutes, { services });
};
