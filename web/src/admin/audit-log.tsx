import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';
import { adminApi } from './admin-api';
import { AuditTable } from './audit-table';
import { Pager, useCursorPages } from './pager';

/** The actions the server records, as src/audit/actions.ts lists them (offered in the Action field). */
const AUDIT_ACTIONS = [
  'license_generated', 'license_claimed', 'license_revoked', 'entitlement_created', 'entitlement_revoked', 'tenant_status_changed',
  'tenant_suspended', 'subscription_status_changed', 'credits_purchased', 'credits_refunded', 'credits_dispute_lost',
  'purchase_payment_failed', 'admin_token_created', 'admin_token_revoked', 'cast_logs_purged', 'cast_results_purged', 'webhook_logs_purged',
  'spell_unpublished', 'spell_republished', 'handle_changed', 'creator_share_changed', 'payout_account_updated', 'payout_paid',
  'payout_failed', 'payout_reversed', 'ledger_mismatch', 'webhook_endpoint_disabled',
] as const;

const FILTERS = ['action', 'target_type', 'target_id', 'tenant_id', 'actor_type', 'from', 'to'] as const;

/** A datetime-local value (the browser's zone) as an ISO instant for the API. */
function toIso(local: string): string {
  return local ? new Date(local).toISOString() : '';
}

/** An ISO instant from the URL as a datetime-local value in the browser's zone, so a reload shows the filter. */
function toLocal(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']));
  const filterKey = params.toString();
  const pages = useCursorPages();
  const logs = useLoad(() => adminApi.auditLogs({ ...filters, cursor: pages.cursor, limit: '50' }), [filterKey, pages.cursor]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const raw = String(form.get(name) ?? '').trim();
      const value = name === 'from' || name === 'to' ? toIso(raw) : raw;
      if (value) next.set(name, value);
    }
    setParams(next);
    pages.reset();
  };

  return (
    <>
      <PageHeader title="Audit log" />
      {/* Keyed by the URL's filters: the form shows what is applied, after a reload, back or Clear too. */}
      <form key={filterKey} className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <TextField label="Action" name="action" defaultValue={filters.action} placeholder="license_claimed" list="audit-actions" />
        <datalist id="audit-actions">
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <SelectField label="Target type" name="target_type" defaultValue={filters.target_type}>
          <option value="">Any</option>
          <option value="license_key">License key</option>
          <option value="license_batch">License batch</option>
          <option value="tenant">Tenant</option>
          <option value="entitlement">Entitlement</option>
          <option value="spell">Spell</option>
          <option value="subscription">Subscription</option>
          <option value="purchase">Purchase</option>
          <option value="admin_token">Admin token</option>
        </SelectField>
        <TextField label="Target id" name="target_id" defaultValue={filters.target_id} />
        <TextField label="Tenant id" name="tenant_id" defaultValue={filters.tenant_id} />
        <SelectField label="Actor" name="actor_type" defaultValue={filters.actor_type}>
          <option value="">Any</option>
          <option value="operator">Operator</option>
          <option value="user">User</option>
          <option value="stripe">Stripe</option>
          <option value="system">System</option>
        </SelectField>
        <TextField label="From" name="from" type="datetime-local" defaultValue={toLocal(filters.from ?? '')} />
        <TextField label="To" name="to" type="datetime-local" defaultValue={toLocal(filters.to ?? '')} />
        <div className="actions">
          <button type="submit" className="secondary">Filter</button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setParams(new URLSearchParams());
              pages.reset();
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <ErrorAlert error={logs.error} />
      {logs.data ? <AuditTable logs={logs.data.audit_logs} /> : !logs.error && <Loading height="16rem" />}
      <Pager page={pages.page} nextCursor={logs.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
