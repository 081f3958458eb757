import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';
import { adminApi } from './admin-api';
import { Pager, useCursorPages } from './pager';

export function TenantsPage() {
  const [filters, setFilters] = useState({ q: '', status: '' });
  const pages = useCursorPages();
  const tenants = useLoad(() => adminApi.listTenants({ ...filters, cursor: pages.cursor, limit: 50 }), [filters, pages.cursor]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ q: String(form.get('q') ?? '').trim(), status: String(form.get('status') ?? '') });
    pages.reset();
  };

  return (
    <>
      <PageHeader title="Tenants" />
      <form className="filters" onSubmit={search} role="search" aria-label="Search tenants">
        <TextField label="Name, handle or email" name="q" type="search" />
        <SelectField label="Status" name="status" defaultValue="">
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="grace">Grace</option>
          <option value="suspended">Suspended</option>
        </SelectField>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorAlert error={tenants.error} />
      {tenants.data === undefined && !tenants.error ? (
        <Loading height="12rem" />
      ) : tenants.data?.tenants.length === 0 ? (
        <Empty>No tenants match.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Handle</th>
                <th scope="col">Owner</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {tenants.data?.tenants.map((tenant) => (
                <tr key={tenant.id} data-testid="tenant-row">
                  <td data-label="Tenant"><Link to={`/admin/tenants/${tenant.id}`}>{tenant.name}</Link></td>
                  <td data-label="Handle"><code>{tenant.handle}</code></td>
                  <td data-label="Owner">{tenant.owner_email ?? '—'}</td>
                  <td data-label="Plan">{tenant.plan}</td>
                  <td data-label="Status"><span className={`status status-${tenant.status}`}>{tenant.status}</span></td>
                  <td data-label="Created">{formatDate(tenant.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={pages.page} nextCursor={tenants.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
