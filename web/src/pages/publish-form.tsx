import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { NewSpell } from '../api/types';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { parseDollars } from '../components/format';
import { toApiError } from '../components/use-load';

/** The form's settings as the API takes them, or what to fix first. */
function readSettings(form: FormData): { ok: true; spell: NewSpell } | { ok: false; reason: string } {
  const text = (field: string) => String(form.get(field) ?? '').trim();
  const priceText = text('price');
  // Empty means no price of its own: the server's default cost, as in the spell's settings.
  const price = priceText === '' ? null : parseDollars(priceText);
  if (priceText !== '' && price === null) return { ok: false, reason: 'Enter the price in dollars, e.g. 0.02.' };
  const timeoutText = text('timeout_ms');
  const timeout = timeoutText === '' ? null : Number(timeoutText);
  if (timeout !== null && !Number.isInteger(timeout)) return { ok: false, reason: 'Enter the time limit as a whole number of milliseconds.' };
  const schemaText = text('input_schema');
  let schema: Record<string, unknown> | null = null;
  if (schemaText !== '') {
    try {
      schema = JSON.parse(schemaText) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'The input schema is not valid JSON.' };
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { ok: false, reason: 'The input schema must be a JSON object.' };
  }
  return {
    ok: true,
    spell: {
      name: text('name'),
      description: String(form.get('description') ?? ''),
      visibility: form.get('visibility') === 'public' ? 'public' : 'private',
      price_cents: price,
      function_name: text('function_name') || 'cast',
      timeout_ms: timeout,
      input_schema: schema,
    },
  };
}

/**
 * Creates a spell with its first module in one request. The server checks the module before it
 * stores anything, so a refused module leaves no spell behind: the form stays, with the reason.
 */
export function PublishForm({ onCreated }: { onCreated: () => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const publish = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('module');
    if (!(file instanceof File) || file.size === 0) return setFormError('Choose a .wasm file to upload.');
    const settings = readSettings(form);
    if (!settings.ok) return setFormError(settings.reason);
    setFormError(undefined);
    setError(undefined);
    setBusy(true);
    try {
      await api.createSpellWithModule(settings.spell, file);
      onCreated();
      navigate(`/creator/${encodeURIComponent(settings.spell.name)}`);
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
        A spell is an <a href="https://extism.org">Extism</a> plug-in: a <code>.wasm</code> module exporting the function its casts call.
      </p>
      <ErrorAlert error={error} />
      {error && typeof error.details.check === 'string' && (
        <p role="status" data-testid="publish-refused">
          Nothing was published. Choose another module and publish again.
        </p>
      )}
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <TextField label="Name" name="name" required pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?" hint="Lower-case letters, digits and dashes." />
        <TextField
          label="Function"
          name="function_name"
          defaultValue="cast"
          required
          pattern="[A-Za-z_][A-Za-z0-9_]{0,63}"
          hint="The exported function a cast calls."
        />
        <TextField label="Price per cast ($)" name="price" inputMode="decimal" hint="Empty: the server’s default cost." />
        <SelectField label="Visibility" name="visibility" defaultValue="private">
          <option value="private">Private: your account</option>
          <option value="public">Public: anyone can cast it</option>
        </SelectField>
        <TextField label="Time limit (ms)" name="timeout_ms" inputMode="numeric" pattern="[0-9]*" hint="Empty: the server’s default." />
        <TextField label="Module (.wasm)" name="module" type="file" accept=".wasm,application/wasm" required />
      </div>
      <TextArea
        label="Input schema (JSON Schema)"
        name="input_schema"
        rows={3}
        spellCheck={false}
        placeholder='{"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}'
        hint="Every cast’s input must match it. Empty: any JSON."
      />
      <TextArea label="Description" name="description" rows={2} maxLength={2000} />
      <button type="submit" disabled={busy}>
        {busy ? 'Publishing…' : 'Publish'}
      </button>
    </form>
  );
}
