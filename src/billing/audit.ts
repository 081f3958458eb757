import type { DbOrTx } from '../db/client.js';
import { billingAuditLogs } from '../db/schema.js';

export type AuditActor =
  | { type: 'stripe'; id: string }
  | { type: 'user'; id: string }
  | { type: 'operator'; id: string }
  | { type: 'system'; id?: string };

export interface AuditEntry {
  action: string;
  actor: AuditActor;
  tenantId: string | null;
  target: { type: string; id: string | null };
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Appends one audit row; call it with the transaction that makes the change. */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(billingAuditLogs).values({
    action: entry.action,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    tenantId: entry.tenantId,
    targetType: entry.target.type,
    targetId: entry.target.id,
    before: entry.before ?? null,
    after: entry.after ?? null,
    createdAt: entry.at,
  });
}
