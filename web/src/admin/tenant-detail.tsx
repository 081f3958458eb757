import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../api/http';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { formatDate, formatDay } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { adminApi, type Entitlement } from './admin-api';
import { AuditTable } from './audit-table';
import { GrantForm, StatusForm } from './tenant-forms';

export function TenantDetailPage() {
  const id = useParams().id ?? '';
  const detail = useLoad(() => adminApi.tenant(id), [id]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const changed = (message: string) => {
    setNotice(message);
    detail.reload();
  };

  const revoke = async (entitlement: Entitlement) => {
    const reason = window.prompt(`Revoke the ${entitlement.plan_code} entitlement? Give a reason for the audit log.`);
    if (reason === null) return;
    setError(undefined);
    try {
      await adminApi.revokeEntitlement(id, entitlement.id, reason.trim() || undefined);
      changed(`${entitlement.plan_code} entitlement revoked.`);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading height="30rem" />;
  const { tenant, plan, users, entitlements, billing_account: billing, audit_logs: logs } = detail.data;
  return (
    <>
      <p><Link to="/admin/tenants">← Tenants</Link></p>
      <PageHeader title={tenant.name} />
      {notice && <Alert tone="success">{notice}</Alert>}
      <ErrorAlert error={error} />
      <dl className="stats card">
        <div><dt>Handle</dt><dd data-testid="tenant-handle"><code>{tenant.handle}</code></dd></div>
        <div><dt>Status</dt><dd data-testid="tenant-status"><span className={`status status-${tenant.status}`}>{tenant.status}</span></dd></div>
        <div><dt>Plan</dt><dd data-testid="tenant-plan">{plan}</dd></div>
        {tenant.grace_until && <div><dt>Grace until</dt><dd>{formatDay(tenant.grace_until)}</dd></div>}
        <div><dt>Created</dt><dd>{formatDate(tenant.created_at)}</dd></div>
        <div><dt>Stripe customer</dt><dd>{billing ? <code>{billing.stripe_customer_id}</code> : 'none'}</dd></div>
      </dl>
      <div className="two-columns">
        <StatusForm tenantId={tenant.id} current={tenant.status} onChanged={changed} />
        <GrantForm tenantId={tenant.id} onGranted={changed} />
      </div>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {users.length === 0 ? (
          <Empty>No users.</Empty>
        ) : (
          <ul className="plain-list">
            {users.map((user) => (
              <li key={user.id}>
                {user.email} {user.display_name && `(${user.display_name})`} · {user.role} · since {formatDay(user.created_at)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="entitlements-title">
        <h2 id="entitlements-title">Entitlements</h2>
        {entitlements.length === 0 ? (
          <Empty>No entitlements: the tenant is on FREE.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Source</th>
                  <th scope="col">Status</th>
                  <th scope="col">Valid</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {entitlements.map((entitlement) => (
                  <tr key={entitlement.id} data-testid="entitlement-row">
                    <td data-label="Plan">{entitlement.plan_code}</td>
                    <td data-label="Source">{entitlement.source}</td>
                    <td data-label="Status"><span className={`status status-${entitlement.status}`}>{entitlement.status}</span></td>
                    <td data-label="Valid">
                      {formatDay(entitlement.valid_from ?? entitlement.created_at)} → {entitlement.valid_until ? formatDay(entitlement.valid_until) : 'no end'}
                    </td>
                    <td>
                      {entitlement.status === 'active' && (
                        <button type="button" className="danger small" onClick={() => void revoke(entitlement)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="tenant-audit-title">
        <h2 id="tenant-audit-title">Recent audit entries</h2>
        <AuditTable logs={logs} />
        <p><Link to={`/admin/audit-log?tenant_id=${tenant.id}`}>All audit entries of this tenant</Link></p>
        <p><Link to={`/admin/spells?owner=${encodeURIComponent(tenant.handle)}`}>This tenant’s spells</Link></p>
      </section>
    </>
  );
}
