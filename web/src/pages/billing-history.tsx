import type { Purchase, Subscription } from '../api/types';
import { Empty } from '../components/alert';
import { formatCents, formatDate, formatDay } from '../components/format';

const PAYMENT_STATUS: Record<Purchase['payment_status'], string> = {
  paid: 'Paid',
  no_payment_required: 'Paid',
  unpaid: 'Pending',
  failed: 'Failed',
};

/** Credit counts only once its payment settled; refunds and lost disputes take part of it back. */
function creditAdded(purchase: Purchase): string {
  if (!purchase.credits_cents) return '—';
  if (purchase.payment_status === 'unpaid') return `${formatCents(purchase.credits_cents)} once paid`;
  if (purchase.payment_status === 'failed') return '—';
  const kept = purchase.credits_cents - purchase.credits_reversed_cents;
  return kept === purchase.credits_cents ? formatCents(kept) : `${formatCents(kept)} (${formatCents(purchase.credits_reversed_cents)} refunded)`;
}

export function PurchasesTable({ purchases }: { purchases: Purchase[] }) {
  if (purchases.length === 0) return <Empty>No purchases yet.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Payment</th>
            <th scope="col" className="num">Credit added</th>
          </tr>
        </thead>
        <tbody>
          {purchases.map((purchase) => (
            <tr key={purchase.id}>
              <td data-label="Date">{formatDate(purchase.created_at)}</td>
              <td data-label="What">{purchase.mode === 'subscription' ? 'Plan subscription' : 'Credit pack'}</td>
              <td data-label="Amount" className="num">
                {formatCents(purchase.amount_cents)} {purchase.currency?.toUpperCase()}
              </td>
              <td data-label="Payment">{PAYMENT_STATUS[purchase.payment_status]}</td>
              <td data-label="Credit added" className="num">{creditAdded(purchase)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SubscriptionsTable({ subscriptions }: { subscriptions: Subscription[] }) {
  if (subscriptions.length === 0) return <Empty>No subscriptions.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Subscription</th>
            <th scope="col">Status</th>
            <th scope="col">Renews or ends</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((subscription) => (
            <tr key={subscription.id}>
              <td data-label="Subscription">
                <code>{subscription.id}</code>
              </td>
              <td data-label="Status">
                <span className={`status status-${subscription.status}`}>{subscription.status}</span>
              </td>
              <td data-label="Renews or ends">
                {subscription.cancel_at_period_end ? 'Ends ' : ''}
                {formatDay(subscription.current_period_end)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
