import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { owner } from './access.js';
import { findTenantSecret, makeTenantSecret } from './tenant-secret.js';

/** The account's one secret for its casts' own `webhook_url` deliveries: the owner makes, rotates and sees whether it exists. */
export const tenantSecretRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['webhooks'];
  const secretSchema = z.object({
    exists: z.boolean(),
    created_at: z.string().nullable(),
    rotated_at: z.string().nullable(),
    previous_secret_expires_at: z.string().nullable().describe('Until when the secret replaced by the last rotation still signs (a second `v1=`)'),
  });
  const viewSecret = (row: Awaited<ReturnType<typeof findTenantSecret>>, now: Date): z.infer<typeof secretSchema> => ({
    exists: row !== undefined,
    created_at: row?.createdAt.toISOString() ?? null,
    rotated_at: row?.rotatedAt?.toISOString() ?? null,
    previous_secret_expires_at: row?.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
  });

  app.get(
    '/v1/tenant/webhook-secret',
    {
      schema: {
        operationId: 'getTenantWebhookSecret',
        tags,
        summary: 'Whether the account has the secret its casts’ own `webhook_url` deliveries are signed with (never the secret)',
        response: { 200: secretSchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => viewSecret(await findTenantSecret(services.db, owner(request.auth).tenant.id), services.clock.now()),
  );

  app.post(
    '/v1/tenant/webhook-secret',
    {
      schema: {
        operationId: 'makeTenantWebhookSecret',
        tags,
        summary: 'Make (or rotate) the secret that signs casts’ own `webhook_url` deliveries; shown this once',
        description:
          'One per account. Until it exists, `POST /v1/casts` with a `webhook_url` is refused (`409 webhook_secret_required`). ' +
          'Calling it again rotates it: the old secret keeps signing, as a second `v1=`, for 24 hours.',
        response: { 200: secretSchema.extend({ secret: z.string().describe('`whsec_…`, shown this once') }), ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => {
      const now = services.clock.now();
      const row = await makeTenantSecret(services.db, owner(request.auth).tenant.id, now);
      return { ...viewSecret(row, now), secret: row.secret };
    },
  );

};
