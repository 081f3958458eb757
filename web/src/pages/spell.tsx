import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { SpellDetail } from '../api/types';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { CopyButton } from '../components/copy-button';
import { castCurl } from '../components/curl-example';
import { formatDate, formatPrice, formatSuccessRate } from '../components/format';
import { PageHeader } from '../components/layout';
import { TagLinks } from '../components/spell-card';
import { playgroundPath } from '../components/spell-links';
import { useLoad } from '../components/use-load';
import { ReadmeView } from '../markdown/lazy-readme';
import { exampleObject } from '../schema-form/example-value';

/** A spell's page, by `owner/name`: what it does, what it costs, how to cast and pin it, its README. */
export function SpellPage() {
  const { owner = '', name = '' } = useParams();
  const spell = useLoad(() => api.getSpellByOwner(owner, name), [owner, name]);
  if (spell.error) {
    return (
      <>
        <PageHeader title={`${owner}/${name}`} />
        <ErrorAlert error={spell.error} title={spell.error.code === 'spell_retired' ? 'This spell is retired' : undefined} />
        <p>
          <Link to="/spells">Back to the catalog</Link>
        </p>
      </>
    );
  }
  if (!spell.data) return <Loading height="24rem" />;
  return <SpellDetails spell={spell.data} />;
}

function SpellDetails({ spell }: { spell: SpellDetail }) {
  const castable = spell.latest_version !== null && !spell.deleted_at;
  return (
    <>
      <PageHeader title={spell.full_name}>
        {spell.owned && (
          <Link className="button secondary" to={`/creator/${encodeURIComponent(spell.name)}`}>
            Manage
          </Link>
        )}
        {castable && (
          <Link className="button" to={playgroundPath(spell.full_name)}>
            Cast in the playground
          </Link>
        )}
      </PageHeader>
      {spell.deleted_at && (
        <Alert tone="warning" title="Deleted">
          You deleted this spell {formatDate(spell.deleted_at)}. Casts pinned to a version run until {formatDate(spell.pinned_until)}.
        </Alert>
      )}
      {spell.unpublished && (
        <Alert tone="warning" title="Unpublished by the platform">
          Only you can see or cast it. Reason: {spell.unpublished.reason || 'none given'}.
        </Alert>
      )}
      <p className="lead">
        by <Link to={`/spells?owner=${encodeURIComponent(spell.owner)}`}>{spell.owner}</Link>
        {spell.visibility === 'private' && <span className="badge muted">private</span>}
      </p>
      <p>{spell.description || 'No description.'}</p>
      <TagLinks tags={spell.tags} />
      <dl className="stats card">
        <div><dt>Price</dt><dd data-testid="spell-price">{formatPrice(spell.price_cents)}</dd></div>
        <div><dt>Casts</dt><dd data-testid="spell-casts">{spell.casts}</dd></div>
        <div><dt>Success rate</dt><dd data-testid="spell-success-rate">{formatSuccessRate(spell.success_rate)}</dd></div>
        <div><dt>Latest version</dt><dd>{spell.latest_version === null ? 'none yet' : `v${spell.latest_version}`}</dd></div>
      </dl>
      {castable && <CastExample spell={spell} />}
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {spell.versions.length === 0 ? (
          <Empty>No version yet: the spell cannot be cast.</Empty>
        ) : (
          <>
            <p className="meta">
              A cast of <code>{spell.full_name}</code> runs the latest version; <code>{spell.full_name}@N</code> pins version N, so a new upload
              never changes what it runs.
            </p>
            <ul className="versions" data-testid="spell-versions">
              {spell.versions.map((version) => (
                <li key={version.version}>
                  <code>{`${spell.full_name}@${version.version}`}</code> · {formatDate(version.created_at)} · exports {version.exports.join(', ')} ·{' '}
                  <code title={version.sha256}>{version.sha256.slice(0, 12)}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {spell.price_history.length > 1 && (
        <section className="card" aria-labelledby="prices-title">
          <h2 id="prices-title">Price history</h2>
          <p className="meta">A new price applies to casts started after it; a cast keeps the price it was charged.</p>
          <ul className="versions" data-testid="spell-price-history">
            {spell.price_history.map((change) => (
              <li key={change.from}>
                {formatPrice(change.price_cents)} from {formatDate(change.from)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="readme-title">
        <h2 id="readme-title">README</h2>
        {spell.readme.trim() ? <ReadmeView source={spell.readme} /> : <Empty>This spell has no README yet.</Empty>}
      </section>
    </>
  );
}

function CastExample({ spell }: { spell: SpellDetail }) {
  const curl = castCurl(window.location.origin, spell.full_name, exampleObject(spell.input_schema));
  return (
    <section className="card" aria-labelledby="cast-example-title">
      <h2 id="cast-example-title">Cast it over HTTP</h2>
      <p className="meta">
        With an API key (from <Link to="/keys">API keys</Link>) in <code>$SPELL_API_KEY</code>:
      </p>
      <pre className="output" data-testid="curl-example" tabIndex={0}>
        {curl}
      </pre>
      <CopyButton text={curl} label="Copy the curl command" />
    </section>
  );
}
