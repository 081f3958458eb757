import { z } from 'zod';
import type { AuditLogRow } from './audit-log.js';

/** An audit row as the admin API and a tenant's own trail show it. */
export const auditLogSchema = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor: z.object({ type: z.enum(['operator', 'user', 'stripe', 'system']), id: z.string().nullable() }),
    tenant_id: z.uuid().nullable(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    before: z.unknown(),
    after: z.unknown(),
    created_at: z.string(),
  })
  .meta({ id: 'AuditLog' });

export function viewAuditLog(row: AuditLogRow): z.infer<typeof auditLogSchema> {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId },
    tenant_id: row.tenantId,
    target: { type: row.targetType, id: row.targetId },
    before: row.before,
    after: row.after,
    created_at: row.createdAt.toISOString(),
  };
}
