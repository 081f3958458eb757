import { Link, useSearchParams } from 'react-router';
import type { Spell } from '../api/types';
import { formatPrice, formatSuccessRate } from './format';
import { catalogPath, playgroundPath, spellPath } from './spell-links';

/** A spell's tags as links that filter the catalog on each (from the catalog or a spell's page). */
export function TagLinks({ tags }: { tags: readonly string[] }) {
  const [params] = useSearchParams();
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link className="tag" to={catalogPath(params, { tag })} aria-label={`Spells tagged ${tag}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One entry of the catalog: owner/name (to its page), description, tags and numbers. */
export function SpellCard({ spell }: { spell: Spell }) {
  const [params] = useSearchParams();
  return (
    <li className="card spell-card" data-testid="catalog-entry" data-spell={spell.full_name}>
      <h2>
        <Link to={spellPath(spell)}>
          <span className="spell-owner">{spell.owner}/</span>
          {spell.name}
        </Link>
        {spell.owned && <span className="badge">yours</span>}
        {spell.visibility === 'private' && <span className="badge muted">private</span>}
        {spell.unpublished && <span className="badge muted">unpublished</span>}
      </h2>
      <p className="meta">
        by{' '}
        <Link to={catalogPath(params, { owner: spell.owner })} aria-label={`Spells by ${spell.owner}`}>
          {spell.owner}
        </Link>
      </p>
      <p>{spell.description || 'No description.'}</p>
      <TagLinks tags={spell.tags} />
      <p className="meta">
        {formatPrice(spell.price_cents)} · {spell.casts} {spell.casts === 1 ? 'cast' : 'casts'} · {formatSuccessRate(spell.success_rate)} ·{' '}
        {spell.latest_version === null ? 'no version yet' : `v${spell.latest_version}`}
      </p>
      {spell.latest_version !== null && (
        <Link className="button small" to={playgroundPath(spell.full_name)} aria-label={`Cast ${spell.full_name}`}>
          Cast
        </Link>
      )}
    </li>
  );
}
