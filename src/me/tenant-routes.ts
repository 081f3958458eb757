import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import type { AuthContext } from '../auth/sessions.js';
import { tenantSchema, viewTenant } from '../auth/views.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { MAX_HANDLES_HELD, changeHandle, findHandleLock, handlesHeld } from '../tenants/handles.js';

const handleStateSchema = z
  .object({
    locked: z.boolean().describe('true once one of the tenant’s spells has been public: the handle is then fixed'),
    locked_reason: z.string().nullable(),
    held: z.array(z.string()).describe('Every handle the tenant has held, oldest first; they stay its own (it may take one back)'),
  })
  .meta({ id: 'HandleState' });

const ownerOnly = (auth: AuthContext) => {
  if (auth.user.role !== 'owner') throw new AppError('forbidden', 'Only the account owner can change the handle.');
};

export const tenantRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['me'];

  app.get(
    '/v1/tenant',
    {
      schema: {
        operationId: 'getTenantAccount',
        tags,
        summary: 'The caller’s tenant, and whether its handle can still change',
        response: { 200: z.object({ tenant: tenantSchema, handle: handleStateSchema }), ...errorResponses(401, 429) },
      },
    },
    async (request) => {
      const { tenant } = authOf(request.auth);
      const [lock, held] = await Promise.all([findHandleLock(services.db, tenant.id, tenant.handle), handlesHeld(services.db, tenant.id)]);
      return { tenant: viewTenant(tenant), handle: { locked: lock !== null, locked_reason: lock, held } };
    },
  );

  app.patch(
    '/v1/tenant',
    {
      config: { auth: 'session' },
      schema: {
        operationId: 'updateTenant',
        tags,
        summary: 'Change the tenant’s handle (the owner part of `handle/spell`)',
        description:
          'The account owner only, with a signed-in session (an API key gets 403). A handle is 1–39 lower-case letters, ' +
          'digits or inner dashes (the input is lower-cased) and not a reserved word (`400 validation_failed`). `409 conflict` when another tenant holds ' +
          'or ever held it, or when the handle is locked: once any of the tenant’s spells has been public, casters address ' +
          'it as `handle/spell` and the handle no longer changes. The old handle stays the tenant’s for ever: nobody else ' +
          'gets it, and the tenant may change back to it. A tenant holds at most ' + String(MAX_HANDLES_HELD) + ' handles over its life (`409 conflict` ' +
          'for a sixth; changing back to a held one always works). Writes `handle_changed` to the audit log.',
        body: z.object({ handle: z.string().trim().toLowerCase().min(1).max(39) }),
        response: { 200: z.object({ tenant: tenantSchema }), ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      ownerOnly(auth);
      const changed = await changeHandle(services.db, auth.tenant.id, request.body.handle, {
        actor: { type: 'user', id: auth.user.id },
        now: services.clock.now(),
      });
      if (!changed.ok) {
        if (changed.reason === 'invalid') {
          throw new AppError('validation_failed', changed.message, { issues: [{ in: 'body', path: '/handle', message: changed.message }] });
        }
        throw new AppError('conflict', changed.message, { field: 'handle' });
      }
      return { tenant: viewTenant({ ...auth.tenant, handle: changed.handle }) };
    },
  );
};
