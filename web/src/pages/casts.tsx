import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { Cast } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { formatCents, formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';

export function CastsPage() {
  const first = useLoad(() => api.listCasts());
  const [more, setMore] = useState<Cast[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const next = cursor === undefined ? first.data?.next_cursor : cursor;
  const casts = [...(first.data?.casts ?? []), ...more];

  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await api.listCasts(next);
      setMore((previous) => [...previous, ...page.casts]);
      setCursor(page.next_cursor);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="My casts" />
      <ErrorAlert error={first.error ?? error} />
      {first.data === undefined && !first.error ? (
        <Loading height="12rem" />
      ) : casts.length === 0 ? (
        <Empty>No casts yet. Try one in the playground.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your casts, newest first; each one’s time opens its detail</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Spell</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Duration</th>
                <th scope="col" className="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {casts.map((cast) => (
                <tr key={cast.id}>
                  <td data-label="When">
                    <Link to={`/casts/${cast.id}`}>{formatDate(cast.created_at)}</Link>
                  </td>
                  <td data-label="Spell">
                    <code>
                      {cast.spell}@{cast.version}
                    </code>
                  </td>
                  <td data-label="Status">
                    <span className={`status status-${cast.status}`}>{cast.status}</span>
                    {cast.error_code && <code className="error-code">{cast.error_code}</code>}
                  </td>
                  <td data-label="Duration" className="num">{cast.duration_ms === null ? '—' : `${cast.duration_ms} ms`}</td>
                  <td data-label="Cost" className="num">{formatCents(cast.cost_cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="secondary" onClick={() => void loadMore()} disabled={busy}>
          {busy ? 'Loading…' : 'Load older casts'}
        </button>
      )}
    </>
  );
}
