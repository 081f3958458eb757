import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { formatCents, formatDate, parseDollars } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';

/** The creator's spells with their numbers, and the form to publish a new one. */
export function CreatorPage() {
  const spells = useLoad(() =>
    api.listSpells(true).then((body) =>
      Promise.all(body.spells.filter((spell) => spell.owned).map(async (spell) => ({ spell, stats: await api.spellStats(spell.name) }))),
    ),
  );
  return (
    <>
      <PageHeader title="Creator" />
      <PublishForm />
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
                <tr key={spell.name}>
                  <td>
                    <Link to={`/creator/${encodeURIComponent(spell.name)}`}>{spell.name}</Link>
                    {spell.visibility === 'private' && <span className="badge muted">private</span>}
                  </td>
                  <td>{spell.latest_version === null ? 'no version' : `v${spell.latest_version}`}</td>
                  <td className="num">{spell.price_cents ? formatCents(spell.price_cents) : 'free'}</td>
                  <td className="num">{stats.casts}</td>
                  <td className="num">{formatCents(stats.earnings_cents)}</td>
                  <td>{stats.last_cast_at ? formatDate(stats.last_cast_at) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function PublishForm() {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const publish = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const file = form.get('module');
    const priceText = String(form.get('price') ?? '').trim();
    const price = priceText === '' ? 0 : parseDollars(priceText);
    if (!(file instanceof File) || file.size === 0) return setFormError('Choose a .wasm file to upload.');
    if (price === null) return setFormError('Enter the price in dollars, e.g. 0.02.');
    setFormError(undefined);
    setError(undefined);
    setBusy(true);
    try {
      await api.createSpell({
        name,
        description: String(form.get('description') ?? ''),
        visibility: form.get('visibility') === 'private' ? 'private' : 'public',
        price_cents: price,
      });
      try {
        await api.uploadVersion(name, file);
      } finally {
        // The spell exists now; its page shows whether the upload worked and lets the creator retry.
        navigate(`/creator/${encodeURIComponent(name)}`);
      }
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void publish(event)} aria-labelledby="publish-title">
      <h2 id="publish-title">Publish a spell</h2>
      <p className="meta">
        A spell is an <a href="https://extism.org">Extism</a> plug-in: a <code>.wasm</code> module exporting <code>cast</code>.
      </p>
      <ErrorAlert error={error} />
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <TextField label="Name" name="name" required pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?" hint="Lower-case letters, digits and dashes." />
        <TextField label="Price per cast ($)" name="price" inputMode="decimal" placeholder="0.00" />
        <SelectField label="Visibility" name="visibility" defaultValue="public">
          <option value="public">Public: anyone can cast it</option>
          <option value="private">Private: only your account</option>
        </SelectField>
        <TextField label="Module (.wasm)" name="module" type="file" accept=".wasm,application/wasm" required />
      </div>
      <TextArea label="Description" name="description" rows={2} maxLength={2000} />
      <button type="submit" disabled={busy}>
        {busy ? 'Publishing…' : 'Publish'}
      </button>
    </form>
  );
}
