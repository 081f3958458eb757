import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Budget, Period } from '../api/types';
import { Alert, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { formatCents, formatDate, parseDollars } from '../components/format';
import { PageHeader } from '../components/layout';
import { UsageChart } from '../components/usage-chart';
import { toApiError, useLoad } from '../components/use-load';
import { loadUsagePoints } from './budget-usage';
import { useAction } from '../components/use-action';

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function BudgetsPage() {
  const budget = useLoad(() => api.getBudget().then((body) => body.budget));
  const usage = useLoad(async () => {
    const now = Date.now();
    const current = await api.usage();
    return { current, now, points: await loadUsagePoints(current, now) };
  });
  const [saved, setSaved] = useState<string>();

  const reload = (message: string) => {
    setSaved(message);
    budget.reload();
    usage.reload();
  };

  return (
    <>
      <PageHeader title="Budgets" />
      <p className="lead">
        A budget caps what casts may cost per period. Past the <strong>soft limit</strong> casts still run and you are warned; a cast that would pass the{' '}
        <strong>hard limit</strong> is refused before it runs.
      </p>
      <ErrorAlert error={usage.error} />
      {usage.data?.current.soft_limit_exceeded && (
        <Alert tone="warning" title="Soft limit passed">
          You have spent {formatCents(usage.data.current.used_cents)} this period, over your soft limit of{' '}
          {formatCents(usage.data.current.soft_limit_cents)}.
        </Alert>
      )}
      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title">This period</h2>
        {usage.data ? (
          <>
            <dl className="stats">
              <div><dt>Spent</dt><dd data-testid="used">{formatCents(usage.data.current.used_cents)}</dd></div>
              <div><dt>Held by running casts</dt><dd>{formatCents(usage.data.current.reserved_cents)}</dd></div>
              <div><dt>Casts</dt><dd>{usage.data.current.casts}</dd></div>
              <div><dt>Period ends</dt><dd>{formatDate(usage.data.current.period_end)}</dd></div>
            </dl>
            <UsageChart
              periodStart={Date.parse(usage.data.current.period_start)}
              periodEnd={Date.parse(usage.data.current.period_end)}
              now={usage.data.now}
              points={usage.data.points}
              softLimitCents={usage.data.current.soft_limit_cents}
              hardLimitCents={usage.data.current.hard_limit_cents}
            />
          </>
        ) : (
          !usage.error && <Loading height="20rem" />
        )}
      </section>
      <section className="card" aria-labelledby="budget-title">
        <h2 id="budget-title">Limits</h2>
        {saved && <Alert tone="success">{saved}</Alert>}
        <ErrorAlert error={budget.error} />
        {budget.data === undefined && !budget.error ? (
          <Loading height="14rem" />
        ) : (
          <BudgetForm key={budget.data?.updated_at ?? 'none'} budget={budget.data ?? null} onSaved={reload} />
        )}
      </section>
    </>
  );
}

function BudgetForm({ budget, onSaved }: { budget: Budget | null; onSaved: (message: string) => void }) {
  const [period, setPeriod] = useState<Period>(budget?.period ?? 'monthly');
  const [soft, setSoft] = useState(budget ? (budget.soft_limit_cents / 100).toFixed(2) : '');
  const [hard, setHard] = useState(budget ? (budget.hard_limit_cents / 100).toFixed(2) : '');
  const [timeZone, setTimeZone] = useState(budget?.time_zone ?? browserTimeZone);
  const { busy, error, setError, run } = useAction();
  const [formError, setFormError] = useState<string>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const softCents = parseDollars(soft);
    const hardCents = parseDollars(hard);
    if (softCents === null || hardCents === null) return setFormError('Enter both limits in dollars, e.g. 5 or 12.50.');
    if (softCents > hardCents) return setFormError('The soft limit must not be above the hard limit.');
    setFormError(undefined);
    await run(async () => {
      await api.saveBudget({ period, soft_limit_cents: softCents, hard_limit_cents: hardCents, time_zone: timeZone });
      onSaved('Budget saved.');
    });
  };

  const remove = async () => {
    if (!window.confirm('Remove the budget? Casting will no longer be limited.')) return;
    try {
      await api.deleteBudget();
      onSaved('Budget removed.');
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <form onSubmit={(event) => void save(event)}>
      {!budget && <p>No budget is set: casting is not limited.</p>}
      <ErrorAlert error={error} />
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <SelectField label="Period" value={period} onChange={(event) => setPeriod(event.target.value as Period)}>
          <option value="daily">Daily</option>
          <option value="monthly">Monthly</option>
        </SelectField>
        <TextField label="Soft limit ($)" inputMode="decimal" value={soft} onChange={(event) => setSoft(event.target.value)} required />
        <TextField label="Hard limit ($)" inputMode="decimal" value={hard} onChange={(event) => setHard(event.target.value)} required />
        <TextField label="Time zone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} hint="Periods start at midnight here." required />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save budget'}
        </button>
        {budget && (
          <button type="button" className="danger" onClick={() => void remove()}>
            Remove budget
          </button>
        )}
      </div>
    </form>
  );
}
