import { and, eq, gt, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { entitlements } from '../db/schema.js';
import type { EntitlementSource, PlanCode } from '../db/values.js';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';

export type { EntitlementSource, PlanCode } from '../db/values.js';

/** Plans that cover paid casts without prepaid credit, best first. */
const PAID_PLANS: PlanCode[] = ['LIFETIME', 'PRO'];

/** The tenant's best active, currently valid plan; `FREE` without one. */
export async function activePlan(db: DbOrTx, tenantId: string, now: Date): Promise<PlanCode> {
  return (await activePlans(db, [tenantId], now)).get(tenantId) ?? 'FREE';
}

/** The best active, valid paid plan of each tenant in `tenantIds` (absent: `FREE`), in one query. */
export async function activePlans(db: DbOrTx, tenantIds: string[], now: Date): Promise<Map<string, PlanCode>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db
    .select({ tenantId: entitlements.tenantId, planCode: entitlements.planCode })
    .from(entitlements)
    .where(
      and(
        inArray(entitlements.tenantId, tenantIds),
        eq(entitlements.status, 'active'),
        or(isNull(entitlements.validUntil), gt(entitlements.validUntil, now)),
      ),
    );
  const plans = new Map<string, PlanCode>();
  // Walk from the least to the best plan so the best one is written last.
  for (const plan of [...PAID_PLANS].reverse()) {
    for (const row of rows) if (row.planCode === plan) plans.set(row.tenantId, plan);
  }
  return plans;
}

export interface Grant {
  tenantId: string;
  planCode: PlanCode;
  source: EntitlementSource;
  sourceRef: string | null;
  actor: AuditActor;
  now: Date;
  /** Open-ended when absent. */
  validUntil?: Date | undefined;
  /** Why, for the audit row (operators' grants). */
  reason?: string | undefined;
}

export type EntitlementRow = typeof entitlements.$inferSelect;

/**
 * Grants a plan unless the same plan from the same source is already active and valid (then
 * `null`). One that has run out (`valid_until` passed) is retired first, audited, so it does not
 * stand in the way. Audited.
 */
export async function grantEntitlement(tx: DbOrTx, grant: Grant): Promise<EntitlementRow | null> {
  const lapsed = and(
    eq(entitlements.tenantId, grant.tenantId),
    eq(entitlements.planCode, grant.planCode),
    eq(entitlements.source, grant.source),
    lte(entitlements.validUntil, grant.now),
  );
  await revokeActive(tx, lapsed, { actor: grant.actor, now: grant.now, reason: 'expired; replaced by a new grant' });
  const [row] = await tx
    .insert(entitlements)
    .values({
      tenantId: grant.tenantId,
      planCode: grant.planCode,
      source: grant.source,
      sourceRef: grant.sourceRef,
      validFrom: grant.now,
      validUntil: grant.validUntil ?? null,
      createdAt: grant.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await writeAudit(tx, {
    action: 'entitlement_created',
    actor: grant.actor,
    tenantId: grant.tenantId,
    target: { type: 'entitlement', id: row.id },
    after: {
      plan_code: row.planCode,
      source: row.source,
      source_ref: row.sourceRef,
      valid_until: row.validUntil?.toISOString() ?? null,
      ...(grant.reason ? { reason: grant.reason } : {}),
    },
    at: grant.now,
  });
  return row;
}

/** Revokes one active entitlement of a tenant (an operator's decision). Audited; `null` when there is none. */
export async function revokeEntitlementById(
  tx: DbOrTx,
  revoke: { tenantId: string; entitlementId: string; actor: AuditActor; now: Date; reason?: string | undefined },
): Promise<EntitlementRow | null> {
  const [row] = await revokeActive(tx, and(eq(entitlements.id, revoke.entitlementId), eq(entitlements.tenantId, revoke.tenantId)), revoke);
  return row ?? null;
}

/** Revokes the tenant's active entitlements of a plan from a source. Audited, one row each. */
export async function revokeEntitlements(tx: DbOrTx, revoke: Omit<Grant, 'sourceRef'>): Promise<number> {
  const match = and(
    eq(entitlements.tenantId, revoke.tenantId),
    eq(entitlements.planCode, revoke.planCode),
    eq(entitlements.source, revoke.source),
  );
  return (await revokeActive(tx, match, revoke)).length;
}

/** Revokes the active entitlements that `match` selects, with an `entitlement_revoked` row each. */
async function revokeActive(
  tx: DbOrTx,
  match: SQL | undefined,
  revoke: { actor: AuditActor; now: Date; reason?: string | undefined },
): Promise<EntitlementRow[]> {
  const rows = await tx
    .update(entitlements)
    .set({ status: 'revoked', revokedAt: revoke.now })
    .where(and(match, eq(entitlements.status, 'active')))
    .returning();
  for (const row of rows) {
    await writeAudit(tx, {
      action: 'entitlement_revoked',
      actor: revoke.actor,
      tenantId: row.tenantId,
      target: { type: 'entitlement', id: row.id },
      before: { plan_code: row.planCode, source: row.source, status: 'active' },
      after: { status: 'revoked', ...(revoke.reason ? { reason: revoke.reason } : {}) },
      at: revoke.now,
    });
  }
  return rows;
}
