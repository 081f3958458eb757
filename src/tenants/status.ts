import { eq } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { Database, DbOrTx } from '../db/client.js';
import { tenants } from '../db/schema.js';
import type { TenantStatus } from '../db/values.js';
import { emitTenantStatus } from '../events/emitters.js';

export type { TenantStatus } from '../db/values.js';

/** How long a tenant whose payment failed keeps working before it is suspended. */
export const GRACE_DAYS = 14;

/** When grace that starts `now` ends. */
export function graceEndsAt(now: Date): Date {
  return new Date(now.getTime() + GRACE_DAYS * 86_400_000);
}

export interface StatusChange {
  tenant: { id: string; status: TenantStatus; graceUntil: Date | null };
  status: TenantStatus;
  /** When grace ends; only kept for `grace`. */
  graceUntil?: Date;
  reason: string;
  actor: AuditActor;
  now: Date;
  /** The audit action; `tenant_status_changed` unless the change has a name of its own (`tenant_suspended`). */
  action?: 'tenant_status_changed' | 'tenant_suspended';
}

/** Moves a tenant to another status and writes its audit row, in `tx`; returns the tenant as it now is. */
export async function changeTenantStatus(tx: DbOrTx, change: StatusChange): Promise<typeof tenants.$inferSelect> {
  const { tenant } = change;
  const graceUntil = change.status === 'grace' ? (change.graceUntil ?? null) : null;
  const [updated] = await tx.update(tenants).set({ status: change.status, graceUntil }).where(eq(tenants.id, tenant.id)).returning();
  if (!updated) throw new Error(`tenant ${tenant.id} vanished during a status change`);
  await writeAudit(tx, {
    action: change.action ?? 'tenant_status_changed',
    actor: change.actor,
    tenantId: tenant.id,
    target: { type: 'tenant', id: tenant.id },
    before: { status: tenant.status, grace_until: tenant.graceUntil?.toISOString() ?? null },
    after: { status: change.status, grace_until: graceUntil?.toISOString() ?? null, reason: change.reason },
    at: change.now,
  });
  if (change.status !== tenant.status) {
    await emitTenantStatus(tx, { tenantId: tenant.id, status: change.status, graceUntil, reason: change.reason, now: change.now });
  }
  return updated;
}

export type OperatorMove =
  | { ok: true; tenant: typeof tenants.$inferSelect; changed: boolean }
  | { ok: false; reason: 'not_found' };

/**
 * An operator sets a tenant's status, any move allowed (`suspended → active` is only ever
 * theirs). Moving to `grace` starts the usual grace period unless `graceUntil` is given. The
 * tenant row is locked so a concurrent webhook or batch job cannot interleave. Setting the
 * status it already has changes nothing and writes no audit row.
 */
export async function setTenantStatus(
  db: Database,
  move: { tenantId: string; status: TenantStatus; graceUntil?: Date | undefined; reason: string; actor: AuditActor; now: Date },
): Promise<OperatorMove> {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, move.tenantId)).for('update');
    if (!tenant) return { ok: false, reason: 'not_found' };
    if (tenant.status === move.status && move.graceUntil === undefined) return { ok: true, tenant, changed: false };
    const graceUntil = move.graceUntil ?? graceEndsAt(move.now);
    const updated = await changeTenantStatus(tx, { tenant, status: move.status, graceUntil, reason: move.reason, actor: move.actor, now: move.now });
    return { ok: true, tenant: updated, changed: true };
  });
}
