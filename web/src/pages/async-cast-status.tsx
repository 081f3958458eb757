import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { CastDetail } from '../api/types';
import { Alert, ErrorAlert } from '../components/alert';
import { formatCents } from '../components/format';
import { toApiError } from '../components/use-load';

/** How often a queued or running cast is asked for again. */
const POLL_MS = 1_000;

const STATUS_TEXT: Record<CastDetail['status'], string> = {
  queued: 'Queued: waiting for a worker',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled: it cost nothing',
};

const isDone = (cast: CastDetail | undefined) => cast !== undefined && cast.status !== 'queued' && cast.status !== 'running';

/**
 * An async cast followed live: its status (polled from `GET /v1/casts/{id}` until it is final,
 * announced to screen readers as it changes), a cancel button while it waits, then its output or
 * why it failed, with a link to its detail page.
 */
export function AsyncCastStatus({ castId }: { castId: string }) {
  const [cast, setCast] = useState<CastDetail>();
  const [error, setError] = useState<ApiError>();
  const [canceling, setCanceling] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.getCast(castId);
        if (stopped) return;
        setCast(next);
        if (!isDone(next)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (caught) {
        if (!stopped) setError(toApiError(caught));
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [castId]);

  const cancel = async () => {
    setCanceling(true);
    try {
      await api.cancelCast(castId);
      setCast(await api.getCast(castId));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setCanceling(false);
    }
  };

  return (
    <section className="card result" aria-labelledby="async-title" data-testid="async-cast">
      <h2 id="async-title">Background cast</h2>
      <p role="status" aria-live="polite" data-testid="async-status" data-status={cast?.status ?? 'queued'}>
        {cast ? STATUS_TEXT[cast.status] : 'Queued'}
        {!isDone(cast) && '…'}
      </p>
      {error && <ErrorAlert error={error} />}
      <dl className="stats">
        <div><dt>Cast id</dt><dd><code>{castId}</code></dd></div>
        {cast?.duration_ms != null && <div><dt>Duration</dt><dd>{cast.duration_ms} ms</dd></div>}
        {isDone(cast) && <div><dt>Cost</dt><dd data-testid="cast-cost">{formatCents(cast?.cost_cents ?? 0)}</dd></div>}
      </dl>
      {cast?.status === 'queued' && (
        <button type="button" className="small secondary" aria-disabled={canceling || undefined} onClick={() => void cancel()}>
          {canceling ? 'Canceling…' : 'Cancel'}
        </button>
      )}
      <p><Link to={`/casts/${castId}`}>View cast</Link></p>
      {cast?.status === 'succeeded' && (
        <pre className="output" data-testid="cast-output" tabIndex={0}>
          {typeof cast.output === 'string' ? cast.output : JSON.stringify(cast.output, null, 2)}
        </pre>
      )}
      {cast?.status === 'failed' && (
        <Alert tone="error" title={`The cast failed (${cast.error_code ?? 'unknown'})`}>
          <p>{cast.error_message ?? (cast.error_code === 'expired' ? 'No worker took it before its queue expiry.' : 'It cost nothing.')}</p>
        </Alert>
      )}
    </section>
  );
}
