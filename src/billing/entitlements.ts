import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { entitlements } from '../db/schema.js';
import { writeAudit, type AuditActor } from './audit.js';

export type PlanCode = 'FREE' | 'PRO' | 'LIFETIME';
export type EntitlementSource = 'stripe' | 'license' | 'manual';

/** Plans that cover paid casts without prepaid credit, best first. */
const PAID_PLANS: PlanCode[] = ['LIFETIME', 'PRO'];

/** The tenant's best active, currently valid plan; `FREE` without one. */
export async function activePlan(db: DbOrTx, tenantId: string, now: Date): Promise<PlanCode> {
  const rows = await db
    .select({ planCode: entitlements.planCode })
    .from(entitlements)
    .where(
      and(
        eq(entitlements.tenantId, tenantId),
        eq(entitlements.status, 'active'),
        or(isNull(entitlements.validUntil), gt(entitlements.validUntil, now)),
      ),
    );
  const codes = new Set(rows.map((row) => row.planCode));
  return PAID_PLANS.find((plan) => codes.has(plan)) ?? 'FREE';
}

export interface Grant {
  tenantId: string;
  planCode: PlanCode;
  source: EntitlementSource;
  sourceRef: string | null;
  actor: AuditActor;
  now: Date;
}

/** Grants a plan unless the same plan from the same source is already active. Audited. */
export async function grantEntitlement(tx: DbOrTx, grant: Grant): Promise<boolean> {
  const [row] = await tx
    .insert(entitlements)
    .values({
      tenantId: grant.tenantId,
      planCode: grant.planCode,
      source: grant.source,
      sourceRef: grant.sourceRef,
      validFrom: grant.now,
      createdAt: grant.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return false;
  await writeAudit(tx, {
    action: 'entitlement_created',
    actor: grant.actor,
    tenantId: grant.tenantId,
    target: { type: 'entitlement', id: row.id },
    after: { plan_code: row.planCode, source: row.source, source_ref: row.sourceRef },
    at: grant.now,
  });
  return true;
}

/** Revokes the tenant's active entitlements of a plan from a source. Audited, one row each. */
export async function revokeEntitlements(
  tx: DbOrTx,
  revoke: Omit<Grant, 'sourceRef'>,
): Promise<number> {
  const rows = await tx
    .update(entitlements)
    .set({ status: 'revoked', revokedAt: revoke.now })
    .where(
      and(
        eq(entitlements.tenantId, revoke.tenantId),
        eq(entitlements.planCode, revoke.planCode),
        eq(entitlements.source, revoke.source),
        eq(entitlements.status, 'active'),
      ),
    )
    .returning();
  for (const row of rows) {
    await writeAudit(tx, {
      action: 'entitlement_revoked',
      actor: revoke.actor,
      tenantId: revoke.tenantId,
      target: { type: 'entitlement', id: row.id },
      before: { plan_code: row.planCode, source: row.source, status: 'active' },
      after: { status: 'revoked' },
      at: revoke.now,
    });
  }
  return rows.length;
}
