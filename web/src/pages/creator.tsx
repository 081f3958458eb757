import { Link } from 'react-router';
import { api } from '../api/client';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { formatCents, formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';
import { CreatorEarningsSection, PayoutAccountSection, PayoutHistorySection } from './creator-money';
import { PublishForm } from './publish-form';

/** The creator's dashboard: earnings and payouts, their spells with their numbers, and the form to publish a new one. */
export function CreatorPage() {
  const spells = useLoad(() =>
    api.listSpells({ mine: true }).then((body) =>
      Promise.all(body.spells.filter((spell) => spell.owned).map(async (spell) => ({ spell, stats: await api.spellStats(spell.name) }))),
    ),
  );
  const unpublished = (spells.data ?? []).filter(({ spell }) => spell.unpublished);
  return (
    <>
      <PageHeader title="Creator" />
      {unpublished.length > 0 && (
        <Alert tone="error" title="The platform unpublished some of your spells">
          <ul>
            {unpublished.map(({ spell }) => (
              <li key={spell.name}>
                <Link to={`/creator/${encodeURIComponent(spell.name)}`}>{spell.name}</Link>: {spell.unpublished?.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <CreatorEarningsSection />
      <PayoutAccountSection />
      <PayoutHistorySection />
      <PublishForm onCreated={spells.reload} />
      <h2>Your spells</h2>
      <ErrorAlert error={spells.error} />
      {spells.data === undefined && !spells.error ? (
        <Loading height="8rem" />
      ) : spells.data?.length === 0 ? (
        <Empty>You have not published a spell yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Spell</th>
                <th scope="col">Latest</th>
                <th scope="col" className="num">Price</th>
                <th scope="col" className="num">Casts</th>
                <th scope="col" className="num">Earnings</th>
                <th scope="col">Last cast</th>
              </tr>
            </thead>
            <tbody>
              {spells.data?.map(({ spell, stats }) => (
                <tr key={spell.full_name}>
                  <td data-label="Spell">
                    <Link to={`/creator/${encodeURIComponent(spell.name)}`}>{spell.full_name}</Link>
                    {spell.visibility === 'private' && <span className="badge muted">private</span>}
                    {spell.unpublished && (
                      <span className="badge badge-danger" title={`Unpublished by the platform: ${spell.unpublished.reason}`}>
                        unpublished
                      </span>
                    )}
                  </td>
                  <td data-label="Latest">{spell.latest_version === null ? 'no version' : `v${spell.latest_version}`}</td>
                  <td data-label="Price" className="num">{spell.price_cents === null ? 'default' : spell.price_cents === 0 ? 'free' : formatCents(spell.price_cents)}</td>
                  <td data-label="Casts" className="num">{stats.casts}</td>
                  <td data-label="Earnings" className="num">{formatCents(stats.earnings_cents)}</td>
                  <td data-label="Last cast">{stats.last_cast_at ? formatDate(stats.last_cast_at) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
