import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { Spell } from '../api/types';
import { Alert, Empty, ErrorAlert, Loading } from '../components/alert';
import { TextField } from '../components/field';
import { formatCents, formatDate } from '../components/format';
import { PageHeader } from '../components/layout';
import { useLoad } from '../components/use-load';
import { useAction } from '../components/use-action';
import { playgroundPath, spellPath } from '../components/spell-links';
import { SpellSettingsForm } from './spell-settings-form';

/** One of the creator's spells: numbers, settings, versions and a new upload. */
export function CreatorSpellPage() {
  const name = useParams().name ?? '';
  const spell = useLoad(() => Promise.all([api.getSpell(name), api.spellStats(name)]), [name]);
  const [notice, setNotice] = useState<string>();
  const { busy, error, run } = useAction();

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('module');
    if (!(file instanceof File) || file.size === 0) return;
    await run(async () => {
      const version = await api.uploadVersion(name, file);
      setNotice(`Version ${version.version} published.`);
      formElement.reset();
      spell.reload();
    });
  };

  if (spell.error) return <ErrorAlert error={spell.error} />;
  if (!spell.data) return <Loading height="24rem" />;
  const [details, stats] = spell.data;
  return (
    <>
      <PageHeader title={details.full_name}>
        <Link className="button secondary" to={spellPath(details)}>
          Its page
        </Link>
        <Link className="button secondary" to={playgroundPath(details.full_name)}>
          Cast it
        </Link>
      </PageHeader>
      {details.unpublished && <UnpublishedBanner unpublished={details.unpublished} />}
      {notice && <Alert tone="success">{notice}</Alert>}
      <dl className="stats card">
        <div><dt>Casts</dt><dd data-testid="spell-casts">{stats.casts}</dd></div>
        <div><dt>Succeeded</dt><dd>{stats.succeeded}</dd></div>
        <div><dt>Failed</dt><dd>{stats.failed}</dd></div>
        <div><dt>Earnings</dt><dd data-testid="spell-earnings">{formatCents(stats.earnings_cents)}</dd></div>
      </dl>
      <SpellSettingsForm key={details.updated_at} spell={details} onSaved={() => { setNotice('Settings saved.'); spell.reload(); }} />
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {details.versions.length === 0 ? (
          <Empty>No version yet: upload a module to make the spell castable.</Empty>
        ) : (
          <ul className="versions">
            {details.versions.map((version) => (
              <li key={version.version}>
                <strong>v{version.version}</strong> · {formatDate(version.created_at)} · exports {version.exports.join(', ')} ·{' '}
                <code title={version.sha256}>{version.sha256.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        )}
        <ErrorAlert error={error} />
        <form className="inline-form" onSubmit={(event) => void upload(event)}>
          <TextField label="New version (.wasm)" name="module" type="file" accept=".wasm,application/wasm" required />
          <button type="submit" disabled={busy}>
            {busy ? 'Uploading…' : 'Upload version'}
          </button>
        </form>
      </section>
    </>
  );
}

/** An operator took the spell out of service: say so first, with their reason and what it means. */
function UnpublishedBanner({ unpublished }: { unpublished: NonNullable<Spell['unpublished']> }) {
  return (
    <div className="alert alert-error unpublished-banner" role="alert" data-testid="unpublished-banner">
      <strong className="alert-title">Unpublished by the platform on {formatDate(unpublished.at)}</strong>
      <p>
        Reason: <q data-testid="unpublished-reason">{unpublished.reason}</q>
      </p>
      <p>
        The spell is out of the catalog and casts of it by other accounts fail with <code>410 spell_retired</code>. You can still cast it
        and upload versions, but not make it public again. Contact support if you think this is a mistake.
      </p>
    </div>
  );
}
