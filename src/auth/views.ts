import { z } from 'zod';
import { TENANT_STATUSES } from '../db/values.js';
import type { AuthContext } from './sessions.js';

/** A user as the API shows it. */
export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    display_name: z.string().nullable(),
    role: z.enum(['owner', 'member']),
    tenant_id: z.uuid(),
  })
  .meta({ id: 'User' });

export const tenantSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    handle: z.string().describe('The owner part of the tenant’s spells’ names: `handle/spell`'),
    status: z.enum(TENANT_STATUSES),
    grace_until: z.string().nullable(),
  })
  .meta({ id: 'Tenant' });

export function viewUser(user: AuthContext['user'], tenantId: string): z.infer<typeof userSchema> {
  return { id: user.id, email: user.email, display_name: user.displayName, role: user.role, tenant_id: tenantId };
}

export function viewTenant(tenant: AuthContext['tenant']): z.infer<typeof tenantSchema> {
  return {
    id: tenant.id,
    name: tenant.name,
    handle: tenant.handle,
    status: tenant.status,
    grace_until: tenant.graceUntil?.toISOString() ?? null,
  };
}
