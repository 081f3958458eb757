import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { CatalogSort } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextField } from '../components/field';
import { PageHeader } from '../components/layout';
import { SpellCard } from '../components/spell-card';
import { catalogPath } from '../components/spell-links';
import { useLoad } from '../components/use-load';

const SORTS: readonly { value: CatalogSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'popular', label: 'Most cast' },
  { value: 'new', label: 'Newest' },
];
/** How long typing pauses before the search runs (and the address changes). */
const SEARCH_DELAY_MS = 300;

const sortOf = (value: string | null): CatalogSort => SORTS.find((sort) => sort.value === value)?.value ?? 'name';

/**
 * The catalog: public spells and the caller's own, searched by `q`, filtered by owner or tag and
 * sorted. Every choice lives in the address (`/spells?q=…&owner=…&tag=…&sort=…`), so a search
 * can be shared, bookmarked and reloaded, and Back undoes a filter.
 */
export function SpellsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const owner = params.get('owner') ?? '';
  const tag = params.get('tag') ?? '';
  const sort = sortOf(params.get('sort'));
  const [text, setText] = useState(q);

  // Typing waits for a pause before it searches; the address is replaced, not pushed, so Back
  // does not step through every letter.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => setParams((current) => withParam(current, 'q', text.trim()), { replace: true }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, setParams]);
  // Back, Forward or a link change `q` under the box: the box follows.
  useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);

  // Enter searches at once.
  const searchNow = (event: FormEvent) => {
    event.preventDefault();
    setParams((current) => withParam(current, 'q', text.trim()), { replace: true });
  };

  const spells = useLoad(() => api.listSpells({ q, owner, tag, sort }).then((body) => body.spells), [q, owner, tag, sort]);
  const filtered = Boolean(q || owner || tag);

  return (
    <>
      <PageHeader title="Spells">
        <Link className="button secondary" to="/creator">
          Publish a spell
        </Link>
      </PageHeader>
      <form className="filters card" role="search" aria-label="Catalog" onSubmit={searchNow}>
        <TextField
          label="Search spells"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="words, owner or tag"
          hint="Finds spells whose name, owner, description or tags contain every word."
        />
        <SelectField label="Sort by" value={sort} onChange={(event) => setParams((current) => withParam(current, 'sort', event.target.value === 'name' ? '' : event.target.value))}>
          {SORTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </form>
      {(owner || tag) && (
        <p className="actions" data-testid="catalog-filters">
          Showing only
          {owner && <FilterChip label={`by ${owner}`} to={catalogPath(params, { owner: null })} />}
          {tag && <FilterChip label={`tagged #${tag}`} to={catalogPath(params, { tag: null })} />}
        </p>
      )}
      <ErrorAlert error={spells.error} title={spells.error?.status === 400 ? 'This search cannot run' : undefined} />
      {spells.data === undefined && !spells.error ? (
        <Loading height="10rem" />
      ) : spells.data?.length === 0 ? (
        filtered ? (
          <Empty>
            No spell matches this search. <Link to="/spells">Show every spell</Link>.
          </Empty>
        ) : (
          <Empty>No spells are published yet. Be the first: publish one from the Creator page.</Empty>
        )
      ) : (
        spells.data && (
          <ul className="card-grid" aria-busy={spells.loading || undefined} aria-label={`${spells.data.length} ${spells.data.length === 1 ? 'spell' : 'spells'}`}>
            {spells.data.map((spell) => (
              <SpellCard key={spell.full_name} spell={spell} />
            ))}
          </ul>
        )
      )}
    </>
  );
}

function FilterChip({ label, to }: { label: string; to: string }) {
  return (
    <Link className="chip" to={to} aria-label={`Remove filter: ${label}`}>
      {label} <span aria-hidden="true">×</span>
    </Link>
  );
}

function withParam(current: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(current);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}
