import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import { Alert, ErrorAlert, Loading } from '../components/alert';
import { formatCents, formatDay } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { useSession } from '../session';
import { PurchasesTable, SubscriptionsTable } from './billing-history';
import { CheckoutReturn } from './checkout-return';

export function BillingPage() {
  const [params] = useSearchParams();
  const { refresh } = useSession();
  const overview = useLoad(() => api.billing());
  const history = useLoad(() => Promise.all([api.purchases(), api.subscriptions()]));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();
  const checkout = params.get('checkout');
  const sessionId = checkout === 'success' ? params.get('session_id') : null;

  const showConfirmed = () => {
    overview.reload();
    history.reload();
    // The plan badge in the header comes from the session; a failure here only leaves it stale.
    refresh().catch(() => undefined);
  };

  const go = async (label: string, start: () => Promise<{ url: string }>) => {
    setBusy(label);
    setError(undefined);
    try {
      window.location.assign((await start()).url);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(undefined);
    }
  };

  const data = overview.data;
  const disabled = data?.enabled === false || error?.code === 'billing_disabled';
  return (
    <>
      <PageHeader title="Billing" />
      {sessionId && <CheckoutReturn sessionId={sessionId} onConfirmed={showConfirmed} />}
      {checkout === 'success' && !sessionId && <Alert tone="success" title="Thank you!">Your payment went through. It shows here as soon as Stripe confirms it.</Alert>}
      {checkout === 'cancelled' && <Alert tone="info">Checkout was cancelled; nothing was charged.</Alert>}
      {params.get('claimed') && <Alert tone="success" title="License claimed">Your account has the Lifetime plan.</Alert>}
      {data?.tenant_status === 'grace' && (
        <Alert tone="warning" title="Payment failed: grace period">
          Your last payment did not go through. Casting continues until <strong>{formatDay(data.grace_until)}</strong>; update your payment method before
          then.
        </Alert>
      )}
      {data?.tenant_status === 'suspended' && <Alert tone="error" title="Account suspended">Casting is paused. Contact support to reactivate it.</Alert>}
      {disabled && (
        <Alert tone="info" title="Billing is not set up on this server">
          Payments are switched off here, so there is nothing to buy. Casting works as usual.
        </Alert>
      )}
      {error?.code !== 'billing_disabled' && <ErrorAlert error={error ?? overview.error} />}
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">Your plan</h2>
        {data ? (
          <>
            <dl className="stats">
              <div><dt>Plan</dt><dd data-testid="plan">{data.plan}</dd></div>
              <div><dt>Account status</dt><dd data-testid="tenant-status">{data.tenant_status}</dd></div>
              <div><dt>Subscription</dt><dd data-testid="subscription-status">{data.subscription_status}</dd></div>
              <div><dt>Credit balance</dt><dd data-testid="credits">{formatCents(data.credits_cents)}</dd></div>
              {data.current_period_end && <div><dt>Renews</dt><dd>{formatDay(data.current_period_end)}</dd></div>}
            </dl>
            {!disabled && (
              <div className="actions">
                {data.plan === 'FREE' && data.plan_price_id && (
                  <button type="button" disabled={busy !== undefined} onClick={() => void go('upgrade', () => api.checkout({ mode: 'subscription' }))}>
                    {busy === 'upgrade' ? 'Opening Checkout…' : 'Upgrade to Pro'}
                  </button>
                )}
                <button type="button" className="secondary" disabled={busy !== undefined} onClick={() => void go('portal', () => api.portal())}>
                  {busy === 'portal' ? 'Opening…' : 'Manage billing'}
                </button>
              </div>
            )}
          </>
        ) : (
          !overview.error && <Loading height="8rem" />
        )}
      </section>
      {data && !disabled && data.credit_packs.length > 0 && (
        <section className="card" aria-labelledby="credits-title">
          <h2 id="credits-title">Credit packs</h2>
          <p>Prepaid credit pays for paid casts when you are not on a plan.</p>
          <div className="actions">
            {data.credit_packs.map((pack) => (
              <button
                key={pack.price_id}
                type="button"
                className="secondary"
                disabled={busy !== undefined}
                onClick={() => void go(pack.price_id, () => api.checkout({ mode: 'payment', price_id: pack.price_id }))}
              >
                Buy {formatCents(pack.credits_cents)} of credit
              </button>
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby="purchases-title">
        <h2 id="purchases-title">Purchases</h2>
        <ErrorAlert error={history.error} />
        {history.data ? <PurchasesTable purchases={history.data[0].purchases} /> : !history.error && <Loading />}
        <h2>Subscriptions</h2>
        {history.data ? <SubscriptionsTable subscriptions={history.data[1].subscriptions} /> : !history.error && <Loading />}
      </section>
    </>
  );
}
