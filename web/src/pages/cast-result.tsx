import { Link } from 'react-router';
import type { ApiError } from '../api/http';
import type { CastLogLine, CastResult } from '../api/types';
import { Alert, ErrorAlert } from '../components/alert';
import { formatCents, formatDate } from '../components/format';
import { AsyncCastStatus } from './async-cast-status';

export type CastOutcome =
  | { ok: true; result: CastResult; softLimitExceeded: boolean }
  | { ok: true; queuedCastId: string }
  | { ok: false; error: ApiError };

const num = (value: unknown) => (typeof value === 'number' ? value : null);

const isLogLine = (value: unknown): value is CastLogLine =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/** The lines a failed cast's answer carries (`logs` in its details), when it carries any. */
function failureLogs(details: Record<string, unknown>): { lines: CastLogLine[]; truncated: boolean } {
  const lines = Array.isArray(details.logs) ? details.logs.filter(isLogLine) : [];
  return { lines, truncated: details.logs_truncated === true };
}

/** What the spell wrote during the cast (Extism `log_*`, WASI stdout and stderr), under its output. */
function SpellLogs({ lines, truncated }: { lines: CastLogLine[]; truncated: boolean }) {
  if (lines.length === 0) return null;
  return (
    <section className="spell-logs" aria-labelledby="logs-title">
      <h3 id="logs-title">Logs</h3>
      <pre className="output logs" data-testid="cast-logs" tabIndex={0}>
        {lines.map((line, index) => (
          <span key={index} className={`log-line log-${line.level}`}>
            <span className="log-source">{line.stream === 'log' ? line.level : line.stream}</span> {line.message}
            {'\n'}
          </span>
        ))}
      </pre>
      {truncated && <p className="meta">Later lines were cut: a cast keeps only the first part of what it wrote.</p>}
    </section>
  );
}

/** What a cast gave: its output and numbers, or why it was refused or failed. */
export function CastResultPanel({ outcome }: { outcome: CastOutcome }) {
  if ('queuedCastId' in outcome) return <AsyncCastStatus key={outcome.queuedCastId} castId={outcome.queuedCastId} />;
  if (outcome.ok) {
    const { result } = outcome;
    return (
      <section className="card result" aria-labelledby="result-title" data-testid="cast-result">
        <h2 id="result-title">Output</h2>
        {outcome.softLimitExceeded && (
          <Alert tone="warning" title="Soft limit passed">
            This period’s spending is past your budget’s soft limit. Casting continues until the hard limit. <Link to="/budgets">See budgets</Link>.
          </Alert>
        )}
        <dl className="stats">
          <div><dt>Duration</dt><dd data-testid="cast-duration">{result.duration_ms} ms</dd></div>
          <div><dt>Cost</dt><dd data-testid="cast-cost">{formatCents(result.cost_cents)}</dd></div>
          <div><dt>Cast id</dt><dd><code>{result.cast_id}</code></dd></div>
        </dl>
        <p><Link to={`/casts/${result.cast_id}`}>View cast</Link></p>
        <pre className="output" data-testid="cast-output" tabIndex={0}>
          {typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2)}
        </pre>
        <SpellLogs lines={result.logs} truncated={result.logs_truncated} />
      </section>
    );
  }
  const { error } = outcome;
  const details = error.details;
  if (error.code === 'budget_exceeded') {
    return (
      <Alert tone="error" title="Budget limit reached: the cast was not run">
        <p data-testid="budget-exceeded">
          This cast would take your {String(details.period ?? '')} spending to {formatCents(num(details.would_be_cents))}, past the hard limit of{' '}
          {formatCents(num(details.limit_cents))}. Nothing was charged.
        </p>
        <p>
          The period ends {formatDate(typeof details.period_end === 'string' ? details.period_end : null)}. <Link to="/budgets">Raise the limit</Link> to keep
          casting now.
        </p>
      </Alert>
    );
  }
  if (error.code === 'insufficient_credits') {
    return (
      <Alert tone="error" title="Not enough credit">
        <p>
          This cast costs {formatCents(num(details.price_cents))}; your balance is {formatCents(num(details.balance_cents))}.{' '}
          <Link to="/billing">Buy credits or subscribe</Link>.
        </p>
      </Alert>
    );
  }
  const failed = error.code.startsWith('spell_');
  const logs = failureLogs(details);
  return (
    <>
      <ErrorAlert
        error={error}
        title={failed ? 'The spell failed' : error.code === 'invalid_input' ? 'The input does not match the spell’s schema' : undefined}
      />
      {failed && <SpellLogs lines={logs.lines} truncated={logs.truncated} />}
      {typeof details.cast_id === 'string' && (
        <p>
          <Link to={`/casts/${details.cast_id}`}>View cast</Link>
        </p>
      )}
    </>
  );
}
