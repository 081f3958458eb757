import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { listAuditLogs, type AuditLogRow } from '../audit/audit-log.js';
import { activePlans, type EntitlementRow, type PlanCode } from './entitlements.js';
import type { DbOrTx } from '../db/client.js';
import { after, containing, newestFirst, type Position } from '../db/paging.js';
import { billingAccounts, entitlements, tenants, users } from '../db/schema.js';
import type { TenantStatus } from '../db/values.js';

export type TenantRow = typeof tenants.$inferSelect;
export type { TenantStatus } from '../db/values.js';

export interface TenantSummary {
  tenant: TenantRow;
  ownerEmail: string | null;
  plan: PlanCode;
}

/** Tenants newest first; `q` matches the tenant's name, any handle it holds or held, or any of its users' emails. */
export async function searchTenants(
  db: DbOrTx,
  filter: { q?: string | undefined; status?: TenantStatus | undefined; before?: Position | undefined; limit: number; now: Date },
): Promise<TenantSummary[]> {
  // Tenants get `created_at` from the database, in microseconds; cursors carry milliseconds. Sort
  // and compare on the millisecond so a page boundary never falls between two rows of one millisecond.
  const createdMs = sql<Date>`date_trunc('milliseconds', ${tenants.createdAt})`;
  const pattern = filter.q ? containing(filter.q) : undefined;
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(tenants.status, filter.status) : undefined,
    pattern
      ? or(
          ilike(tenants.name, pattern),
          sql`exists (select 1 from "tenant_handles" where "tenant_handles"."tenant_id" = "tenants"."id" and "tenant_handles"."handle" ilike ${pattern})`,
          sql`exists (select 1 from "users" where "users"."tenant_id" = "tenants"."id" and "users"."email" ilike ${pattern})`,
        )
      : undefined,
    after(createdMs, tenants.id, filter.before),
  ];
  const rows = await db
    .select({
      tenant: tenants,
      // Spelled out: inside a subquery the column helpers would lose their table names.
      ownerEmail: sql<string | null>`(select "users"."email" from "users" where "users"."tenant_id" = "tenants"."id" and "users"."role" = 'owner' order by "users"."created_at" limit 1)`,
    })
    .from(tenants)
    .where(and(...conditions))
    .orderBy(...newestFirst(createdMs, tenants.id))
    .limit(filter.limit);
  const plans = await activePlans(db, rows.map((row) => row.tenant.id), filter.now);
  return rows.map((row) => ({ ...row, plan: plans.get(row.tenant.id) ?? 'FREE' }));
}

export interface TenantDetail {
  tenant: TenantRow;
  plan: PlanCode;
  users: (typeof users.$inferSelect)[];
  entitlements: EntitlementRow[];
  billingAccount: typeof billingAccounts.$inferSelect | null;
  recentAudit: AuditLogRow[];
}

export async function findTenant(db: DbOrTx, tenantId: string): Promise<TenantRow | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  return tenant;
}

/** Everything an operator looks at for one tenant; `null` when there is no such tenant. */
export async function loadTenantDetail(db: DbOrTx, tenantId: string, now: Date): Promise<TenantDetail | null> {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) return null;
  const [members, grants, [account], recentAudit, plans] = await Promise.all([
    db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(users.createdAt),
    db.select().from(entitlements).where(eq(entitlements.tenantId, tenantId)).orderBy(desc(entitlements.createdAt)),
    db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)),
    listAuditLogs(db, { tenantId, limit: 50 }),
    activePlans(db, [tenantId], now),
  ]);
  return {
    tenant,
    plan: plans.get(tenantId) ?? 'FREE',
    users: members,
    entitlements: grants,
    billingAccount: account ?? null,
    recentAudit,
  };
}
