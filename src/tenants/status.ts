import { eq } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../billing/audit.js';
import type { DbOrTx } from '../db/client.js';
import { tenants } from '../db/schema.js';

export type TenantStatus = 'active' | 'grace' | 'suspended';

export interface StatusChange {
  tenant: { id: string; status: TenantStatus; graceUntil: Date | null };
  status: TenantStatus;
  /** When grace ends; only kept for `grace`. */
  graceUntil?: Date;
  reason: string;
  actor: AuditActor;
  now: Date;
}

/** Moves a tenant to another status and writes its `tenant_status_changed` audit row, in `tx`. */
export async function changeTenantStatus(tx: DbOrTx, change: StatusChange): Promise<void> {
  const { tenant } = change;
  const graceUntil = change.status === 'grace' ? (change.graceUntil ?? null) : null;
  await tx.update(tenants).set({ status: change.status, graceUntil }).where(eq(tenants.id, tenant.id));
  await writeAudit(tx, {
    action: 'tenant_status_changed',
    actor: change.actor,
    tenantId: tenant.id,
    target: { type: 'tenant', id: tenant.id },
    before: { status: tenant.status, grace_until: tenant.graceUntil?.toISOString() ?? null },
    after: { status: change.status, grace_until: graceUntil?.toISOString() ?? null, reason: change.reason },
    at: change.now,
  });
}
