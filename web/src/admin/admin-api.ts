import { ApiError, callApi } from '../api/http';
import type { components, operations } from '../api/schema';
import type { Answer } from '../api/types';

/**
 * The admin console's client. It authenticates with an operator's admin token only (kept in
 * sessionStorage, gone when the tab closes), never with the consumer session cookie.
 */
const TOKEN_KEY = 'spell_admin_token';

export const adminToken = {
  read: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

// The admin API's shapes, from the types generated from GET /openapi.json.
type AdminAnswer<Id extends keyof operations> = Answer<Id, keyof operations[Id]['responses'] & (200 | 201)>;

export type Admin = AdminAnswer<'getAdminSession'>['admin'];
export type LicenseKey = components['schemas']['LicenseKey'];
export type LicenseStatus = LicenseKey['status'];
export type IssuedBatch = AdminAnswer<'issueLicenseKeys'>;
export type TenantRow = AdminAnswer<'listTenants'>['tenants'][number];
export type TenantStatus = TenantRow['status'];
export type Entitlement = components['schemas']['Entitlement'];
export type AuditLog = components['schemas']['AuditLog'];
export type AdminSpell = components['schemas']['AdminSpell'];
export type SpellStatus = AdminSpell['status'];
export type TenantDetail = AdminAnswer<'getTenant'>;
export type AdminCreator = components['schemas']['AdminCreator'];
export type AdminPayout = AdminAnswer<'listAllPayouts'>['payouts'][number];
export type PayoutStatus = AdminPayout['status'];
export interface Page { next_cursor: string | null }

/** Calls the admin API with the stored token; a 401 signs the console out. */
async function adminCall<T>(path: string, json?: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  const token = adminToken.read();
  if (!token) throw new ApiError(401, 'unauthorized', 'Sign in with an admin token.');
  try {
    const response = await callApi<T>(path, {
      method: json === undefined ? 'GET' : method,
      headers: { authorization: `Bearer ${token}` },
      ...(json !== undefined && { json }),
    });
    return response.body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      adminToken.clear();
      window.dispatchEvent(new Event('spell-admin-signed-out'));
    }
    throw error;
  }
}

/** A query string from the filled-in filters only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const adminApi = {
  /** Checks a token before keeping it. */
  session: async (token: string) =>
    (await callApi<{ admin: Admin }>('/v1/admin/session', { headers: { authorization: `Bearer ${token}` } })).body,
  issueKeys: (count: number, memo: string) => adminCall<IssuedBatch>('/v1/admin/license-keys', { count, memo }),
  listKeys: (filters: { status?: string; q?: string; batch_id?: string; cursor?: string | null; limit?: number }) =>
    adminCall<Page & { license_keys: LicenseKey[] }>(`/v1/admin/license-keys${query(filters)}`),
  revokeKey: (id: string) => adminCall<{ license_key: LicenseKey }>(`/v1/admin/license-keys/${encodeURIComponent(id)}/revoke`, {}),
  listTenants: (filters: { q?: string; status?: string; cursor?: string | null; limit?: number }) =>
    adminCall<Page & { tenants: TenantRow[] }>(`/v1/admin/tenants${query(filters)}`),
  tenant: (id: string) => adminCall<TenantDetail>(`/v1/admin/tenants/${encodeURIComponent(id)}`),
  setStatus: (id: string, status: TenantStatus, reason: string) =>
    adminCall<{ tenant: TenantDetail['tenant'] }>(`/v1/admin/tenants/${encodeURIComponent(id)}/status`, { status, reason }),
  grant: (id: string, input: { plan_code: 'PRO' | 'LIFETIME'; valid_until?: string; reason?: string }) =>
    adminCall<{ entitlement: Entitlement }>(`/v1/admin/tenants/${encodeURIComponent(id)}/entitlements`, input),
  revokeEntitlement: (id: string, entitlementId: string, reason?: string) =>
    adminCall<{ entitlement: Entitlement }>(
      `/v1/admin/tenants/${encodeURIComponent(id)}/entitlements/${encodeURIComponent(entitlementId)}/revoke`,
      reason ? { reason } : {},
    ),
  listSpells: (filters: { q?: string; owner?: string; status?: string; cursor?: string | null; limit?: number }) =>
    adminCall<Page & { spells: AdminSpell[] }>(`/v1/admin/spells${query(filters)}`),
  unpublishSpell: (spell: AdminSpell, reason: string) =>
    adminCall<{ spell: AdminSpell }>(`/v1/admin/spells/${encodeURIComponent(spell.owner)}/${encodeURIComponent(spell.name)}/unpublish`, { reason }),
  republishSpell: (spell: AdminSpell) =>
    adminCall<{ spell: AdminSpell }>(`/v1/admin/spells/${encodeURIComponent(spell.owner)}/${encodeURIComponent(spell.name)}/republish`, {}),
  listCreators: (filters: { q?: string; cursor?: string | null; limit?: number }) =>
    adminCall<Page & { creators: AdminCreator[] }>(`/v1/admin/creators${query(filters)}`),
  setCreatorShare: (tenantId: string, percent: number | null, reason?: string) =>
    adminCall<AdminAnswer<'setCreatorShare'>>(`/v1/admin/tenants/${encodeURIComponent(tenantId)}/creator-share`, { percent, ...(reason && { reason }) }, 'PUT'),
  listPayouts: (filters: { status?: string; cursor?: string | null; limit?: number }) =>
    adminCall<Page & { payouts: AdminPayout[] }>(`/v1/admin/payouts${query(filters)}`),
  auditLogs: (filters: Record<string, string | undefined | null>) =>
    adminCall<Page & { audit_logs: AuditLog[] }>(`/v1/admin/audit-logs${query(filters)}`),
};
