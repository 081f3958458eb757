import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../auth/api-keys.js';

const keySchema = z
  .object({
    prefix: z.string(),
    name: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

function viewKey(row: ApiKeyRow): z.infer<typeof keySchema> {
  return {
    prefix: row.prefix,
    name: row.name,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

export const keyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['api keys'];

  app.post(
    '/v1/keys',
    {
      config: { auth: 'session' },
      schema: {
        operationId: 'createApiKey',
        tags,
        summary: 'Create an API key; the full key is returned this once',
        description: 'Needs a signed-in session: an API key gets 403, so revoking a leaked key ends its access.',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: keySchema.extend({ key: z.string() }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const { key, row } = await createApiKey(services.db, {
        tenantId: auth.tenant.id,
        userId: auth.user.id,
        name: request.body.name,
        now: services.clock.now(),
      });
      return reply.status(201).send({ key, ...viewKey(row) });
    },
  );

  app.get(
    '/v1/keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags,
        summary: "The tenant's API keys (never the secret)",
        response: { 200: z.object({ keys: z.array(keySchema) }), ...errorResponses(401, 429) },
      },
    },
    async (request) => {
      const rows = await listApiKeys(services.db, authOf(request.auth).tenant.id);
      return { keys: rows.map(viewKey) };
    },
  );

  app.delete(
    '/v1/keys/:prefix',
    {
      config: { auth: 'session' },
      schema: {
        operationId: 'revokeApiKey',
        tags,
        summary: 'Revoke an API key; it stops working at once',
        description: 'Needs a signed-in session (an API key gets 403).',
        params: z.object({ prefix: z.string().min(1).max(64) }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiKey(services.db, {
        tenantId: authOf(request.auth).tenant.id,
        prefix: request.params.prefix,
        now: services.clock.now(),
      });
      if (!revoked) throw new AppError('not_found', 'No API key with this prefix.');
      return reply.status(204).send(null);
    },
  );
};
