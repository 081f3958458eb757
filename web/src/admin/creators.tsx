import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { TextField } from '../components/field';
import { formatCents } from '../components/format';
import { PageHeader } from '../components/layout';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { adminApi, type AdminCreator } from './admin-api';
import { Pager, useCursorPages } from './pager';

/** Creators' balances (what the next payout run pays) and each creator's share, with the override form. */
export function CreatorsPage() {
  const [q, setQ] = useState('');
  const pages = useCursorPages();
  const creators = useLoad(() => adminApi.listCreators({ q, cursor: pages.cursor, limit: 50 }), [q, pages.cursor]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget).get('q') ?? '').trim());
    pages.reset();
  };

  return (
    <>
      <PageHeader title="Creators" />
      <form className="filters" onSubmit={search} role="search" aria-label="Search creators">
        <TextField label="Name or handle" name="q" type="search" />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorAlert error={creators.error} />
      {creators.data === undefined && !creators.error ? (
        <Loading height="12rem" />
      ) : creators.data?.creators.length === 0 ? (
        <Empty>No creators match.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Creator</th>
                <th scope="col" className="num">Pending</th>
                <th scope="col" className="num">Payable</th>
                <th scope="col" className="num">In transit</th>
                <th scope="col" className="num">Paid out</th>
                <th scope="col">Payouts</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {creators.data?.creators.map((creator) => (
                <tr key={creator.tenant_id} data-testid="creator-row">
                  <td data-label="Creator">
                    <Link to={`/admin/tenants/${creator.tenant_id}`}>{creator.name}</Link> <code>{creator.handle}</code>
                  </td>
                  <td data-label="Pending" className="num">{formatCents(creator.pending_cents)}</td>
                  <td data-label="Payable" className={`num${creator.payable_cents < 0 ? ' negative' : ''}`}>{formatCents(creator.payable_cents)}</td>
                  <td data-label="In transit" className="num">{formatCents(creator.in_transit_cents)}</td>
                  <td data-label="Paid out" className="num">{formatCents(creator.paid_out_cents)}</td>
                  <td data-label="Payouts">{creator.payouts_enabled === null ? 'not onboarded' : creator.payouts_enabled ? 'enabled' : 'onboarding'}</td>
                  <td data-label="Share">
                    <ShareForm creator={creator} onSaved={creators.reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={pages.page} nextCursor={creators.data?.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}

/** The creator's share: an override from 0 to 100, or empty for the default. Applies to casts settled afterwards. */
function ShareForm({ creator, onSaved }: { creator: AdminCreator; onSaved: () => void }) {
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('percent') ?? '').trim();
    void run(async () => {
      await adminApi.setCreatorShare(creator.tenant_id, text === '' ? null : Number(text));
      onSaved();
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Share of ${creator.handle}`}>
      <span>{creator.share_percent}%{creator.share_override_percent === null ? ' (default)' : ' (override)'}</span>
      <TextField
        label="Override %"
        name="percent"
        type="number"
        min={0}
        max={100}
        step={1}
        defaultValue={creator.share_override_percent === null ? '' : String(creator.share_override_percent)}
        placeholder="default"
      />
      <button type="submit" className="secondary small" disabled={busy}>
        {busy ? 'Saving…' : 'Set share'}
      </button>
      <ErrorAlert error={error} />
    </form>
  );
}
