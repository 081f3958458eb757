import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import { issueLicenseKeys, listLicenseKeys, revokeLicenseKey, type LicenseKeyEntry } from '../licenses/issue.js';
import type { Services } from '../services.js';
import { adminOf } from './access.js';
import { operatorActor } from './views.js';

const licenseKeySchema = z
  .object({
    id: z.uuid(),
    hint: z.string(),
    status: z.enum(['unused', 'used', 'revoked']),
    memo: z.string(),
    batch_id: z.uuid(),
    created_at: z.string(),
    claimed_at: z.string().nullable(),
    claimed_by: z.object({ tenant_id: z.uuid(), tenant_name: z.string(), email: z.string().nullable() }).nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'LicenseKey' });

function viewLicenseKey({ key, claimedBy }: LicenseKeyEntry): z.infer<typeof licenseKeySchema> {
  return {
    id: key.id,
    hint: key.hint,
    status: key.status,
    memo: key.memo,
    batch_id: key.batchId,
    created_at: key.createdAt.toISOString(),
    claimed_at: key.claimedAt?.toISOString() ?? null,
    claimed_by: claimedBy ? { tenant_id: claimedBy.tenantId, tenant_name: claimedBy.tenantName, email: claimedBy.email } : null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

export const adminLicenseRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['admin'];

  app.post(
    '/v1/admin/license-keys',
    {
      schema: {
        operationId: 'issueLicenseKeys',
        tags,
        summary: 'Issue a batch of license keys; the keys are in this response only',
        body: z.object({ count: z.number().int().min(1).max(1000), memo: z.string().trim().min(1).max(200) }),
        response: {
          201: z.object({
            batch_id: z.uuid(),
            memo: z.string(),
            created_at: z.string(),
            keys: z.array(z.object({ id: z.uuid(), key: z.string() })),
          }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const batch = await issueLicenseKeys(services.db, {
        ...request.body,
        prefix: services.config.licenses.keyPrefix,
        actor: operatorActor(adminOf(request)),
        now: services.clock.now(),
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({
        batch_id: batch.batchId,
        memo: batch.memo,
        created_at: batch.createdAt.toISOString(),
        keys: batch.keys,
      });
    },
  );

  app.get(
    '/v1/admin/license-keys',
    {
      schema: {
        operationId: 'listLicenseKeys',
        tags,
        summary: 'License keys, newest first: filter by status, memo or hint, batch',
        querystring: z.object({
          status: z.enum(['unused', 'used', 'revoked']).optional(),
          q: z.string().trim().min(1).max(200).optional(),
          batch_id: z.uuid().optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({ license_keys: z.array(licenseKeySchema), next_cursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const { status, q, batch_id: batchId, limit, cursor } = request.query;
      const rows = await listLicenseKeys(services.db, {
        status,
        q,
        batchId,
        limit: limit + 1,
        before: cursor ? decodeCursor(cursor) : undefined,
      });
      const { page, nextCursor } = toPage(rows, limit, (row) => row.key);
      return { license_keys: page.map(viewLicenseKey), next_cursor: nextCursor };
    },
  );

  app.post(
    '/v1/admin/license-keys/:id/revoke',
    {
      schema: {
        operationId: 'revokeLicenseKey',
        tags,
        summary: 'Revoke an unused license key (a used key stays with its tenant)',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ license_key: licenseKeySchema }), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const result = await revokeLicenseKey(services.db, {
        id: request.params.id,
        actor: operatorActor(adminOf(request)),
        now: services.clock.now(),
      });
      if (!result.ok && result.reason === 'not_found') throw new AppError('not_found', 'No such license key.');
      if (!result.ok) {
        throw new AppError('conflict', `This license key is already ${result.reason}; only unused keys can be revoked.`, {
          status: result.reason,
        });
      }
      return { license_key: viewLicenseKey({ key: result.key, claimedBy: null }) };
    },
  );
};
