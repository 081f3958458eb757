import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handlesOf, searchCreators } from '../creators/directory.js';
import { payoutSchema, viewPayout } from '../creators/views.js';
import { listPayouts } from '../creators/statement.js';
import { PAYOUT_STATUSES } from '../db/values.js';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { setCreatorShare } from '../tenants/creator-share.js';
import { adminOf } from './access.js';
import { operatorActor } from './views.js';

const cents = z.number().int();
const adminCreatorSchema = z
  .object({
    tenant_id: z.uuid(),
    name: z.string(),
    handle: z.string(),
    pending_cents: cents,
    payable_cents: cents.describe('What the next payout run pays (over `PAYOUT_MINIMUM_CENTS`, with payouts enabled); negative after a refund of paid earnings'),
    in_transit_cents: cents,
    paid_out_cents: cents,
    share_override_percent: z.number().int().nullable().describe('The operator’s override; null: `CREATOR_SHARE_PERCENT`'),
    share_percent: z.number().int().describe('The share casts settled from now on give this creator'),
    payouts_enabled: z.boolean().nullable().describe('null: no Stripe Connect account yet'),
  })
  .meta({ id: 'AdminCreator' });

/** What operators see of creators' money: balances, payouts, and each creator's share. */
export const adminCreatorRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['admin'];
  const defaultShare = services.config.money.creatorSharePercent;

  app.get(
    '/v1/admin/creators',
    {
      schema: {
        operationId: 'listCreators',
        tags,
        summary: 'Creators (tenants with spells, creator balances or a share override), newest first, with their balances and share',
        querystring: z.object({ q: z.string().trim().min(1).max(200).optional(), ...pageQuery }),
        response: { 200: z.object({ creators: z.array(adminCreatorSchema), next_cursor: z.string().nullable() }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const { q, limit, cursor } = request.query;
      const rows = await searchCreators(services.db, { q, limit: limit + 1, before: cursor ? decodeCursor(cursor) : undefined });
      const { page, nextCursor } = toPage(rows, limit, (row) => row.tenant);
      return {
        creators: page.map((row) => ({
          tenant_id: row.tenant.id,
          name: row.tenant.name,
          handle: row.tenant.handle,
          pending_cents: row.pendingCents,
          payable_cents: row.payableCents,
          in_transit_cents: row.inTransitCents,
          paid_out_cents: row.paidOutCents,
          share_override_percent: row.tenant.creatorSharePercent,
          share_percent: row.tenant.creatorSharePercent ?? defaultShare,
          payouts_enabled: row.payoutsEnabled,
        })),
        next_cursor: nextCursor,
      };
    },
  );

  app.get(
    '/v1/admin/payouts',
    {
      schema: {
        operationId: 'listAllPayouts',
        tags,
        summary: 'Every creator’s payouts, newest first, filtered by status',
        querystring: z.object({ status: z.enum(PAYOUT_STATUSES).optional(), ...pageQuery }),
        response: {
          200: z.object({
            payouts: z.array(payoutSchema.extend({ tenant_id: z.uuid(), handle: z.string().nullable(), stripe_account_id: z.string(), attempts: z.number().int() })),
            next_cursor: z.string().nullable(),
          }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const rows = await listPayouts(services.db, { status, limit: limit + 1, before: cursor ? decodeCursor(cursor) : undefined });
      const { page, nextCursor } = toPage(rows, limit, (row) => row);
      const handles = await handlesOf(services.db, page.map((row) => row.tenantId));
      return {
        payouts: page.map((row) => ({
          ...viewPayout(row),
          tenant_id: row.tenantId,
          handle: handles.get(row.tenantId) ?? null,
          stripe_account_id: row.stripeAccountId,
          attempts: row.attempts,
        })),
        next_cursor: nextCursor,
      };
    },
  );

  app.put(
    '/v1/admin/tenants/:id/creator-share',
    {
      schema: {
        operationId: 'setCreatorShare',
        tags,
        summary: 'Set a creator’s share of their spells’ prices (null: back to CREATOR_SHARE_PERCENT)',
        description: 'Applies to casts settled from now on; settled casts keep the share they were split with. Audited as `creator_share_changed`.',
        params: z.object({ id: z.uuid() }),
        body: z.object({ percent: z.number().int().min(0).max(100).nullable(), reason: z.string().trim().min(1).max(500).optional() }),
        response: {
          200: z.object({ tenant_id: z.uuid(), share_override_percent: z.number().int().nullable(), share_percent: z.number().int(), changed: z.boolean() }),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      const changed = await setCreatorShare(services.db, {
        tenantId: request.params.id,
        percent: request.body.percent,
        reason: request.body.reason,
        actor: operatorActor(adminOf(request)),
        now: services.clock.now(),
      });
      if (!changed.ok) throw new AppError('not_found', 'No such tenant.');
      return { tenant_id: request.params.id, share_override_percent: changed.after, share_percent: changed.after ?? defaultShare, changed: changed.changed };
    },
  );
};
