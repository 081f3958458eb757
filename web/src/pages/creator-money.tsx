import { useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/http';
import type { CreatorEarnings, PayoutAccount } from '../api/types';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { formatCents, formatDate, formatDay } from '../components/format';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { UsageChart } from '../components/usage-chart';

const DAY_MS = 86_400_000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** What the creator earned: balances and share, the last 30 days drawn, and each spell's earnings. */
export function CreatorEarningsSection() {
  const earnings = useLoad(() => api.creatorEarnings());
  const data = earnings.data;
  return (
    <section className="card" aria-labelledby="earnings-title">
      <h2 id="earnings-title">Earnings</h2>
      <ErrorAlert error={earnings.error} />
      {!data ? (
        !earnings.error && <Loading height="10rem" />
      ) : (
        <>
          {data.unbilled && <Alert tone="info" title="Book entries only">{data.unbilled}</Alert>}
          <dl className="stats">
            <div><dt>Pending</dt><dd data-testid="earnings-pending">{formatCents(data.pending_cents)}</dd></div>
            <div><dt>Payable</dt><dd data-testid="earnings-payable">{formatCents(data.payable_cents)}</dd></div>
            <div><dt>Paid out</dt><dd data-testid="earnings-paid-out">{formatCents(data.paid_out_cents)}</dd></div>
            <div><dt>Earned (all time)</dt><dd data-testid="earnings-earned">{formatCents(data.earned_cents)}</dd></div>
            <div><dt>Your share</dt><dd data-testid="earnings-share">{data.share_percent}%</dd></div>
          </dl>
          <EarningsChart earnings={data} />
          <SpellEarnings earnings={data} />
        </>
      )}
    </section>
  );
}

function EarningsChart({ earnings }: { earnings: CreatorEarnings }) {
  let total = 0;
  const points = earnings.by_day
    .filter((day) => day.earned_cents !== 0)
    .map((day) => {
      total += day.earned_cents;
      return { at: dayStart(day.day), cents: total };
    });
  const start = dayStart(earnings.from);
  const end = dayStart(earnings.to) + DAY_MS;
  return (
    <>
      <h3>Last {earnings.by_day.length} days</h3>
      <UsageChart periodStart={start} periodEnd={end} now={Math.min(Date.now(), end)} points={points} softLimitCents={null} hardLimitCents={null} label="earnings" testId="earnings-chart" />
    </>
  );
}

function SpellEarnings({ earnings }: { earnings: CreatorEarnings }) {
  if (earnings.spells.length === 0) return <Empty>No one else has cast your priced spells yet.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Spell</th>
            <th scope="col" className="num">Paid casts</th>
            <th scope="col" className="num">Earned</th>
          </tr>
        </thead>
        <tbody>
          {earnings.spells.map((spell) => (
            <tr key={spell.spell} data-testid="spell-earnings-row">
              <td data-label="Spell">{spell.spell}</td>
              <td data-label="Paid casts" className="num">{spell.casts}</td>
              <td data-label="Earned" className="num">{formatCents(spell.earned_cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether payouts are set up, and the button for the next step (Stripe's onboarding). */
export function PayoutAccountSection() {
  const account = useLoad(() => api.payoutAccount());
  const onboarding = useAction();
  const start = () =>
    void onboarding.run(async () => {
      const link = await api.startPayoutOnboarding();
      window.location.assign(link.url);
    });
  const needsBilling = (error: ApiError | undefined) => error instanceof ApiError && (error.status === 404 || error.status === 503);
  const data = account.data;
  return (
    <section className="card" aria-labelledby="payout-account-title">
      <h2 id="payout-account-title">Payouts</h2>
      {needsBilling(account.error) || data?.enabled === false || needsBilling(onboarding.error) ? (
        <p data-testid="payout-state">Payouts need billing: this server has no Stripe keys, so earnings are shown but never paid out.</p>
      ) : (
        <>
          <ErrorAlert error={account.error ?? onboarding.error} />
          {data ? <PayoutState account={data} busy={onboarding.busy} onStart={start} /> : !account.error && <Loading height="4rem" />}
        </>
      )}
    </section>
  );
}

function PayoutState({ account, busy, onStart }: { account: PayoutAccount; busy: boolean; onStart: () => void }) {
  const rules = `Earnings become payable ${account.hold_days} days after a paid cast; a payable balance of at least ${formatCents(account.minimum_cents)} is paid out (${account.currency.toUpperCase()}).`;
  if (account.next_step === 'none') {
    return (
      <>
        <p data-testid="payout-state">Payouts are on: Stripe pays your connected account.</p>
        <p className="muted">{rules}</p>
      </>
    );
  }
  const finishing = account.next_step === 'finish_onboarding';
  return (
    <>
      <p data-testid="payout-state">
        {finishing ? 'Stripe needs a few more details before it can pay you.' : 'Set up a Stripe account to be paid what your spells earn.'}
      </p>
      <p className="muted">{rules}</p>
      <button type="button" onClick={onStart} disabled={busy}>
        {busy ? 'Opening Stripe…' : finishing ? 'Finish setting up payouts' : 'Set up payouts'}
      </button>
    </>
  );
}

/** The creator's payouts, newest first, and a statement to download per month. */
export function PayoutHistorySection() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const payouts = useLoad(() => api.creatorPayouts(cursor), [cursor]);
  return (
    <section className="card" aria-labelledby="payout-history-title">
      <h2 id="payout-history-title">Payout history</h2>
      <ErrorAlert error={payouts.error} />
      {payouts.data === undefined && !payouts.error ? (
        <Loading height="6rem" />
      ) : payouts.data?.payouts.length === 0 ? (
        <Empty>No payouts yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Paid</th>
              </tr>
            </thead>
            <tbody>
              {payouts.data?.payouts.map((payout) => (
                <tr key={payout.id} data-testid="payout-row">
                  <td data-label="Made">{formatDate(payout.created_at)}</td>
                  <td data-label="Amount" className="num">{formatCents(payout.amount_cents)}</td>
                  <td data-label="Status">
                    <span className={`status status-${payout.status}`}>{payout.status}</span>
                    {payout.failure_message && <small> {payout.failure_message}</small>}
                  </td>
                  <td data-label="Paid">{payout.paid_at ? formatDay(payout.paid_at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursors.length > 1 || payouts.data?.next_cursor) && (
        <nav className="pager" aria-label="Payout pages">
          <button type="button" className="secondary small" disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            ← Newer
          </button>
          <button type="button" className="secondary small" disabled={!payouts.data?.next_cursor} onClick={() => setCursors((list) => [...list, payouts.data?.next_cursor ?? null])}>
            Older →
          </button>
        </nav>
      )}
      <h3>Monthly statements</h3>
      <p className="muted">CSV: a line per day and spell (casts, gross price, your share, earned, refunds), then the month’s payouts and the totals.</p>
      <ul className="statement-links">
        {recentMonths(6).map((month) => (
          <li key={month}>
            <a href={api.statementUrl(month)} download data-testid="statement-link">
              {month}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The last `count` months (UTC) as `YYYY-MM`, this one first. */
function recentMonths(count: number): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, back) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
}
