import { useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField } from '../components/field';
import { formatCents, formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';
import { adminApi } from './admin-api';
import { Pager, useCursorPages } from './pager';

/** Every creator's payouts, newest first, filtered by status. */
export function PayoutsPage() {
  const [status, setStatus] = useState('');
  const pages = useCursorPages();
  const payouts = useLoad(() => adminApi.listPayouts({ status, cursor: pages.cursor, limit: 50 }), [status, pages.cursor]);

  return (
    <>
      <PageHeader title="Payouts" />
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter payouts">
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            pages.reset();
          }}
        >
          <option value="">Any</option>
          <option value="pending">Pending</option>
          <option value="paid">Paid</option>
          <option value="failed">Failed</option>
          <option value="reversed">Reversed</option>
        </SelectField>
      </form>
      <ErrorAlert error={payouts.error} />
      {payouts.data === undefined && !payouts.error ? (
        <Loading height="12rem" />
      ) : payouts.data?.payouts.length === 0 ? (
        <Empty>No payouts match.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Creator</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Transfer</th>
                <th scope="col">Paid</th>
              </tr>
            </thead>
            <tbody>
              {payouts.data?.payouts.map((payout) => (
                <tr key={payout.id} data-testid="payout-row">
                  <td data-label="Created">{formatDate(payout.created_at)}</td>
                  <td data-label="Creator">
                    <Link to={`/admin/tenants/${payout.tenant_id}`}>{payout.handle ?? payout.tenant_id}</Link>
                  </td>
                  <td data-label="Amount" className="num">
                    {formatCents(payout.amount_cents)} {payout.currency.toUpperCase()}
                  </td>
                  <td data-label="Status">
                    <span className={`status status-${payout.status}`}>{payout.status}</span>
                    {payout.failure_message && <small> {payout.failure_message}</small>}
                  </td>
                  <td data-label="Transfer">{payout.stripe_transfer_id ? <code>{payout.stripe_transfer_id}</code> : '—'}</td>
                  <td data-label="Paid">{formatDate(payout.paid_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={pages.page} nextCursor={payouts.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
