import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTITLEMENT_SOURCES, GRANTED_PLAN_CODES, PLAN_CODES, TENANT_STATUSES } from '../db/values.js';
import { grantEntitlement, revokeEntitlementById, type EntitlementRow } from '../tenants/entitlements.js';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses, isoDate } from '../http/schemas.js';
import type { Services } from '../services.js';
import { findTenant, loadTenantDetail, searchTenants, type TenantRow } from '../tenants/directory.js';
import { setTenantStatus } from '../tenants/status.js';
import { adminOf } from './access.js';
import { auditLogSchema, operatorActor, viewAuditLog } from './views.js';

const status = z.enum(TENANT_STATUSES);
const plan = z.enum(PLAN_CODES);
const tenantId = z.object({ id: z.uuid() });
const iso = (date: Date | null) => date?.toISOString() ?? null;

const adminTenantSchema = z
  .object({ id: z.uuid(), name: z.string(), handle: z.string().describe('The owner part of its spells’ names'), status, grace_until: z.string().nullable(), created_at: z.string() })
  .meta({ id: 'AdminTenant' });
const entitlementSchema = z
  .object({
    id: z.uuid(),
    plan_code: z.string(),
    source: z.enum(ENTITLEMENT_SOURCES),
    source_ref: z.string().nullable(),
    status: z.enum(['active', 'revoked']),
    valid_from: z.string(),
    valid_until: z.string().nullable(),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'Entitlement' });

const viewTenant = (tenant: TenantRow) => ({
  id: tenant.id,
  name: tenant.name,
  handle: tenant.handle,
  status: tenant.status,
  grace_until: iso(tenant.graceUntil),
  created_at: tenant.createdAt.toISOString(),
});
const viewEntitlement = (row: EntitlementRow) => ({
  id: row.id,
  plan_code: row.planCode,
  source: row.source,
  source_ref: row.sourceRef,
  status: row.status,
  valid_from: row.validFrom.toISOString(),
  valid_until: iso(row.validUntil),
  created_at: row.createdAt.toISOString(),
  revoked_at: iso(row.revokedAt),
});

export const adminTenantRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['admin'];
  const now = () => services.clock.now();

  app.get(
    '/v1/admin/tenants',
    {
      schema: {
        operationId: 'listTenants',
        tags,
        summary: 'Tenants, newest first: search by name, handle (current or past) or user email, filter by status',
        querystring: z.object({ q: z.string().trim().min(1).max(200).optional(), status: status.optional(), ...pageQuery }),
        response: {
          200: z.object({
            tenants: z.array(adminTenantSchema.extend({ owner_email: z.string().nullable(), plan })),
            next_cursor: z.string().nullable(),
          }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const { q, status: wanted, limit, cursor } = request.query;
      const rows = await searchTenants(services.db, {
        q,
        status: wanted,
        limit: limit + 1,
        before: cursor ? decodeCursor(cursor) : undefined,
        now: now(),
      });
      const { page, nextCursor } = toPage(rows, limit, (row) => row.tenant);
      return {
        tenants: page.map((row) => ({ ...viewTenant(row.tenant), owner_email: row.ownerEmail, plan: row.plan })),
        next_cursor: nextCursor,
      };
    },
  );

  app.get(
    '/v1/admin/tenants/:id',
    {
      schema: {
        operationId: 'getTenant',
        tags,
        summary: 'One tenant: users, entitlements, billing account and recent audit trail',
        params: tenantId,
        response: {
          200: z.object({
            tenant: adminTenantSchema,
            plan,
            users: z.array(
              z.object({ id: z.uuid(), email: z.string(), display_name: z.string().nullable(), role: z.enum(['owner', 'member']), created_at: z.string() }),
            ),
            entitlements: z.array(entitlementSchema),
            billing_account: z.object({ stripe_customer_id: z.string(), status: z.string(), created_at: z.string() }).nullable(),
            audit_logs: z.array(auditLogSchema),
          }),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      const detail = await loadTenantDetail(services.db, request.params.id, now());
      if (!detail) throw new AppError('not_found', 'No such tenant.');
      const account = detail.billingAccount;
      return {
        tenant: viewTenant(detail.tenant),
        plan: detail.plan,
        users: detail.users.map((user) => ({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          created_at: user.createdAt.toISOString(),
        })),
        entitlements: detail.entitlements.map(viewEntitlement),
        billing_account: account
          ? { stripe_customer_id: account.stripeCustomerId, status: account.status, created_at: account.createdAt.toISOString() }
          : null,
        audit_logs: detail.recentAudit.map(viewAuditLog),
      };
    },
  );

  app.post(
    '/v1/admin/tenants/:id/status',
    {
      schema: {
        operationId: 'setTenantStatus',
        tags,
        summary: "Set a tenant's status (the only way from suspended back to active)",
        params: tenantId,
        body: z.object({
          status,
          reason: z.string().trim().min(1).max(500),
          grace_until: isoDate.optional().describe('for grace: when it ends (default: in 14 days)'),
        }),
        response: { 200: z.object({ tenant: adminTenantSchema, changed: z.boolean() }), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const { status: next, reason, grace_until: graceUntil } = request.body;
      if (graceUntil !== undefined && next !== 'grace') {
        throw new AppError('validation_failed', 'grace_until only goes with status grace.', { field: 'grace_until' });
      }
      const moved = await setTenantStatus(services.db, {
        tenantId: request.params.id,
        status: next,
        graceUntil: graceUntil ? new Date(graceUntil) : undefined,
        reason,
        actor: operatorActor(adminOf(request)),
        now: now(),
      });
      if (!moved.ok) throw new AppError('not_found', 'No such tenant.');
      return { tenant: viewTenant(moved.tenant), changed: moved.changed };
    },
  );

  app.post(
    '/v1/admin/tenants/:id/entitlements',
    {
      schema: {
        operationId: 'grantEntitlement',
        tags,
        summary: 'Grant a tenant a plan by hand (source manual)',
        params: tenantId,
        body: z.object({
          plan_code: z.enum(GRANTED_PLAN_CODES),
          valid_until: isoDate.optional(),
          reason: z.string().trim().min(1).max(500).optional(),
        }),
        response: { 201: z.object({ entitlement: entitlementSchema }), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { plan_code: planCode, valid_until: validUntil, reason } = request.body;
      const at = now();
      if (validUntil && new Date(validUntil) <= at) {
        throw new AppError('validation_failed', 'valid_until must be in the future.', { field: 'valid_until' });
      }
      if (!(await findTenant(services.db, request.params.id))) throw new AppError('not_found', 'No such tenant.');
      const row = await services.db.transaction((tx) =>
        grantEntitlement(tx, {
          tenantId: request.params.id,
          planCode,
          source: 'manual',
          sourceRef: null,
          validUntil: validUntil ? new Date(validUntil) : undefined,
          reason,
          actor: operatorActor(adminOf(request)),
          now: at,
        }),
      );
      if (!row) throw new AppError('conflict', `The tenant already has an active manual ${planCode} entitlement.`);
      return reply.status(201).send({ entitlement: viewEntitlement(row) });
    },
  );

  app.post(
    '/v1/admin/tenants/:id/entitlements/:entitlementId/revoke',
    {
      schema: {
        operationId: 'revokeEntitlement',
        tags,
        summary: "Revoke one of a tenant's active entitlements",
        params: z.object({ id: z.uuid(), entitlementId: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(1).max(500).optional() }).nullish(),
        response: { 200: z.object({ entitlement: entitlementSchema }), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const row = await services.db.transaction((tx) =>
        revokeEntitlementById(tx, {
          tenantId: request.params.id,
          entitlementId: request.params.entitlementId,
          reason: request.body?.reason,
          actor: operatorActor(adminOf(request)),
          now: now(),
        }),
      );
      if (!row) throw new AppError('not_found', 'No active entitlement with this id for this tenant.');
      return { entitlement: viewEntitlement(row) };
    },
  );
};
