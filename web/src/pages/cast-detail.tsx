import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { CastDetail, CastLogLine } from '../api/types';
import { Alert, ErrorAlert, Loading } from '../components/alert';
import { formatCents, formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';

/** Bytes as a person reads them: 512 → "512 bytes", 70000 → "68.4 KiB". */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Why a side of the cast is not shown, when it is not. */
function notKeptReason(cast: CastDetail, side: 'input' | 'output', bytes: number | null): string {
  if (cast.status === 'running') return 'The cast is still running.';
  if (side === 'output' && cast.status === 'failed') return 'No output: the cast failed.';
  if (cast.result_expires_at === null || bytes === null) return 'No longer kept: a cast’s input and output are deleted some days after it.';
  return `Not kept: at ${formatBytes(bytes)} it is larger than the server keeps of a cast.`;
}

/** A cast's input or output, as pretty JSON (a spell's text output as the text), or why it is not there. */
function CastSide({ cast, side }: { cast: CastDetail; side: 'input' | 'output' }) {
  const title = side === 'input' ? 'Input' : 'Output';
  const kept = side === 'input' ? cast.input_kept : cast.output_kept;
  const value = side === 'input' ? cast.input : cast.output;
  const bytes = side === 'input' ? cast.input_bytes : cast.output_bytes;
  return (
    <section className="card" aria-labelledby={`${side}-title`}>
      <h2 id={`${side}-title`}>{title}</h2>
      {kept ? (
        <>
          <pre className="output" data-testid={`cast-${side}`} tabIndex={0}>
            {side === 'output' && typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
          </pre>
          {bytes !== null && <p className="meta">{formatBytes(bytes)}</p>}
        </>
      ) : (
        <p className="empty" data-testid={`cast-${side}-missing`}>
          {notKeptReason(cast, side, bytes)}
        </p>
      )}
    </section>
  );
}

/** What the spell wrote during the cast (Extism `log_*`, WASI stdout and stderr). */
function CastLogs({ lines, truncated }: { lines: CastLogLine[]; truncated: boolean }) {
  return (
    <section className="card" aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      {lines.length === 0 ? (
        <p className="meta">The spell wrote nothing, or its lines are no longer kept.</p>
      ) : (
        <pre className="output logs" data-testid="cast-logs" tabIndex={0}>
          {lines.map((line, index) => (
            <span key={index} className={`log-line log-${line.level}`}>
              <span className="log-source">{line.stream === 'log' ? line.level : line.stream}</span> {line.message}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {truncated && <p className="meta">Later lines were cut: a cast keeps only the first part of what it wrote.</p>}
    </section>
  );
}

/** One of the caller's casts in full: what was cast, how it went, what went in and came out. */
export function CastDetailPage() {
  const id = useParams().id ?? '';
  const cast = useLoad(() => api.getCast(id), [id]);

  if (cast.error) {
    return (
      <>
        <PageHeader title="Cast" />
        <ErrorAlert error={cast.error} title={cast.error.code === 'not_found' ? 'No such cast among yours' : undefined} />
        <p>
          <Link to="/casts">Back to my casts</Link>
        </p>
      </>
    );
  }
  if (!cast.data) return <Loading height="24rem" />;
  const detail = cast.data;
  const spell = `${detail.spell}@${detail.version}`;
  return (
    <>
      <PageHeader title={`Cast of ${spell}`}>
        <Link className="button secondary" to="/casts">
          All my casts
        </Link>
      </PageHeader>
      {detail.status === 'failed' && (
        <Alert tone="error" title="The cast failed">
          <p data-testid="cast-error">
            {detail.error_message ?? 'Its message is no longer kept.'} {detail.error_code && <code className="error-code">{detail.error_code}</code>}
          </p>
        </Alert>
      )}
      <dl className="stats card">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${detail.status}`} data-testid="cast-status">
              {detail.status}
            </span>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="cast-duration">{detail.duration_ms === null ? '—' : `${detail.duration_ms} ms`}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="cast-cost">{formatCents(detail.cost_cents)}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={detail.created_at}>{formatDate(detail.created_at)}</time>
          </dd>
        </div>
        <div>
          <dt>Cast id</dt>
          <dd>
            <code>{detail.id}</code>
          </dd>
        </div>
      </dl>
      <div className="cast-sides">
        <CastSide cast={detail} side="input" />
        <CastSide cast={detail} side="output" />
      </div>
      {detail.result_expires_at && (
        <p className="meta">
          {detail.status === 'failed' ? 'The input and the error message' : 'The input and output'} are kept until {formatDate(detail.result_expires_at)}.
        </p>
      )}
      <CastLogs lines={detail.logs} truncated={detail.logs_truncated} />
    </>
  );
}
