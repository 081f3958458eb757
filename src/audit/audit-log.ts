import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { after, newestFirst, type Position } from '../db/paging.js';
import { billingAuditLogs } from '../db/schema.js';
import type { AuditAction } from './actions.js';

export { AUDIT_ACTIONS, type AuditAction } from './actions.js';

export type AuditActor =
  | { type: 'stripe'; id: string }
  | { type: 'user'; id: string }
  | { type: 'operator'; id: string }
  | { type: 'system'; id?: string };

export interface AuditEntry {
  action: AuditAction;
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

export type AuditLogRow = typeof billingAuditLogs.$inferSelect;

export interface AuditFilter {
  action?: string | undefined;
  actorType?: AuditActor['type'] | undefined;
  actorId?: string | undefined;
  tenantId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  before?: Position | undefined;
  limit: number;
}

/** Audit rows matching every given filter, newest first. */
export async function listAuditLogs(db: DbOrTx, filter: AuditFilter): Promise<AuditLogRow[]> {
  const log = billingAuditLogs;
  const conditions: (SQL | undefined)[] = [
    filter.action === undefined ? undefined : eq(log.action, filter.action),
    filter.actorType === undefined ? undefined : eq(log.actorType, filter.actorType),
    filter.actorId === undefined ? undefined : eq(log.actorId, filter.actorId),
    filter.tenantId === undefined ? undefined : eq(log.tenantId, filter.tenantId),
    filter.targetType === undefined ? undefined : eq(log.targetType, filter.targetType),
    filter.targetId === undefined ? undefined : eq(log.targetId, filter.targetId),
    filter.from === undefined ? undefined : gte(log.createdAt, filter.from),
    filter.to === undefined ? undefined : lt(log.createdAt, filter.to),
    after(log.createdAt, log.id, filter.before),
  ];
  return db
    .select()
    .from(log)
    .where(and(...conditions))
    .orderBy(...newestFirst(log.createdAt, log.id))
    .limit(filter.limit);
}
