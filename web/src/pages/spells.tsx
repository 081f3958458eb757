import { Link } from 'react-router';
import { api } from '../api/client';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { formatCents } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';

/** The catalog: public spells and the caller's own. */
export function SpellsPage() {
  const spells = useLoad(() => api.listSpells().then((body) => body.spells));
  return (
    <>
      <PageHeader title="Spells">
        <Link className="button secondary" to="/creator">
          Publish a spell
        </Link>
      </PageHeader>
      <ErrorAlert error={spells.error} />
      {spells.data === undefined && !spells.error ? (
        <Loading height="10rem" />
      ) : spells.data?.length === 0 ? (
        <Empty>No spells are published yet. Be the first: publish one from the Creator page.</Empty>
      ) : (
        <ul className="card-grid">
          {spells.data?.map((spell) => (
            <li key={spell.name} className="card spell-card">
              <h2>
                <span>{spell.name}</span>
                {spell.owned && <span className="badge">yours</span>}
                {spell.visibility === 'private' && <span className="badge muted">private</span>}
              </h2>
              <p>{spell.description || 'No description.'}</p>
              <p className="meta">
                {spell.price_cents ? `${formatCents(spell.price_cents)} per cast` : 'Free'} ·{' '}
                {spell.latest_version === null ? 'no version yet' : `v${spell.latest_version}`}
              </p>
              {spell.latest_version !== null && (
                <Link className="button small" to={`/playground?spell=${encodeURIComponent(spell.name)}`} aria-label={`Cast ${spell.name}`}>
                  Cast
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
