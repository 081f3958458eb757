import { eq } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { Database } from '../db/client.js';
import { tenants } from '../db/schema.js';

export type ShareChange = { ok: true; before: number | null; after: number | null; changed: boolean } | { ok: false; reason: 'not_found' };

/**
 * An operator sets a creator's share of their spells' prices (`null`: back to
 * `CREATOR_SHARE_PERCENT`), with its audit row, in one transaction. Casts settle with the share
 * they find then, so the change applies to casts settled after it; settled ones keep theirs.
 * Setting the share it already has changes nothing and writes no audit row.
 */
export async function setCreatorShare(
  db: Database,
  change: { tenantId: string; percent: number | null; reason?: string | undefined; actor: AuditActor; now: Date },
): Promise<ShareChange> {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ share: tenants.creatorSharePercent }).from(tenants).where(eq(tenants.id, change.tenantId)).for('update');
    if (!tenant) return { ok: false as const, reason: 'not_found' as const };
    if (tenant.share === change.percent) return { ok: true as const, before: tenant.share, after: change.percent, changed: false };
    await tx.update(tenants).set({ creatorSharePercent: change.percent }).where(eq(tenants.id, change.tenantId));
    await writeAudit(tx, {
      action: 'creator_share_changed',
      actor: change.actor,
      tenantId: change.tenantId,
      target: { type: 'tenant', id: change.tenantId },
      before: { creator_share_percent: tenant.share },
      after: { creator_share_percent: change.percent, ...(change.reason ? { reason: change.reason } : {}) },
      at: change.now,
    });
    return { ok: true as const, before: tenant.share, after: change.percent, changed: true };
  });
}
