import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { parseDollars } from '../components/format';
import { toApiError } from '../components/use-load';

/**
 * Creates a spell and uploads its first module. When the module is refused the spell already
 * exists: the form stays, says so with the server's reason, and the next submit only retries the upload.
 */
export function PublishForm({ onCreated }: { onCreated: () => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The spell created by an earlier submit whose upload failed.
  const [created, setCreated] = useState<string>();

  const publish = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const file = form.get('module');
    const priceText = String(form.get('price') ?? '').trim();
    // Empty means no price of its own: the server's default cost, as in the spell's settings.
    const price = priceText === '' ? null : parseDollars(priceText);
    if (!(file instanceof File) || file.size === 0) return setFormError('Choose a .wasm file to upload.');
    if (priceText !== '' && price === null) return setFormError('Enter the price in dollars, e.g. 0.02.');
    setFormError(undefined);
    setError(undefined);
    setBusy(true);
    try {
      if (created !== name) {
        await api.createSpell({
          name,
          description: String(form.get('description') ?? ''),
          visibility: form.get('visibility') === 'private' ? 'private' : 'public',
          price_cents: price,
        });
        setCreated(name);
        onCreated();
      }
      await api.uploadVersion(name, file);
      navigate(`/creator/${encodeURIComponent(name)}`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const uploadFailed = error !== undefined && created !== undefined;
  return (
    <form className="card" onSubmit={(event) => void publish(event)} aria-labelledby="publish-title">
      <h2 id="publish-title">Publish a spell</h2>
      <p className="meta">
        A spell is an <a href="https://extism.org">Extism</a> plug-in: a <code>.wasm</code> module exporting <code>cast</code>.
      </p>
      <ErrorAlert error={error} title={uploadFailed ? 'The module was refused' : undefined} />
      {uploadFailed && (
        <p role="status" data-testid="publish-retry">
          The spell <strong>{created}</strong> was created without a version. Choose another module and publish again, or{' '}
          <Link to={`/creator/${encodeURIComponent(created)}`}>open its page</Link>.
        </p>
      )}
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <TextField label="Name" name="name" required pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?" hint="Lower-case letters, digits and dashes." />
        <TextField label="Price per cast ($)" name="price" inputMode="decimal" hint="Empty: the server’s default cost." />
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
