import type { AuditActor } from '../audit/audit-log.js';
import type { AdminIdentity } from './tokens.js';

/** Admin actions are audited as the operator holding the token. */
export function operatorActor(admin: AdminIdentity): AuditActor {
  return { type: 'operator', id: admin.id };
}

export { auditLogSchema, viewAuditLog } from '../audit/views.js';
