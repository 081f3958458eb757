import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../api/http';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { adminApi, type LicenseKey } from './admin-api';
import { IssueKeys } from './issue-keys';
import { Pager, useCursorPages } from './pager';

export function LicenseKeysPage() {
  const [filters, setFilters] = useState({ status: '', q: '', batch_id: '' });
  const pages = useCursorPages();
  const keys = useLoad(() => adminApi.listKeys({ ...filters, cursor: pages.cursor, limit: 50 }), [filters, pages.cursor]);
  const [error, setError] = useState<ApiError>();

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ status: String(form.get('status') ?? ''), q: String(form.get('q') ?? '').trim(), batch_id: String(form.get('batch_id') ?? '').trim() });
    pages.reset();
  };

  const revoke = async (key: LicenseKey) => {
    if (!window.confirm(`Revoke license key ${key.hint}? It can never be claimed afterwards.`)) return;
    setError(undefined);
    try {
      await adminApi.revokeKey(key.id);
      keys.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <>
      <PageHeader title="License keys" />
      <IssueKeys onIssued={keys.reload} />
      <form className="filters" onSubmit={applyFilters} aria-label="Filter license keys">
        <SelectField label="Status" name="status" defaultValue="">
          <option value="">Any</option>
          <option value="unused">Unused</option>
          <option value="used">Used</option>
          <option value="revoked">Revoked</option>
        </SelectField>
        <TextField label="Memo or hint" name="q" type="search" />
        <TextField label="Batch id" name="batch_id" />
        <button type="submit" className="secondary">
          Filter
        </button>
      </form>
      <ErrorAlert error={error ?? keys.error} />
      {keys.data === undefined && !keys.error ? (
        <Loading height="12rem" />
      ) : keys.data?.license_keys.length === 0 ? (
        <Empty>No license keys match.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Status</th>
                <th scope="col">Memo</th>
                <th scope="col">Issued</th>
                <th scope="col">Claimed by</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {keys.data?.license_keys.map((key) => (
                <tr key={key.id} data-testid="license-row">
                  <td data-label="Key"><code>{key.hint}</code></td>
                  <td data-label="Status"><span className={`status status-${key.status}`}>{key.status}</span></td>
                  <td data-label="Memo">{key.memo}</td>
                  <td data-label="Issued">{formatDate(key.created_at)}</td>
                  <td data-label="Claimed by">
                    {key.claimed_by ? (
                      <Link to={`/admin/tenants/${key.claimed_by.tenant_id}`}>
                        {key.claimed_by.tenant_name}{key.claimed_by.email && ` (${key.claimed_by.email})`}
                      </Link>
                    ) : key.revoked_at ? (
                      `revoked ${formatDate(key.revoked_at)}`
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {key.status === 'unused' && (
                      <button type="button" className="danger small" onClick={() => void revoke(key)} aria-label={`Revoke key ${key.hint}`}>
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
      <Pager page={pages.page} nextCursor={keys.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
