import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { NewSpell } from '../api/types';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { parseInputSchema, parsePrice, parseTags, parseTimeout } from '../components/settings-fields';
import { toApiError } from '../components/use-load';
import { useSession } from '../session';

/** The form's settings as the API takes them, or what to fix first. */
function readSettings(form: FormData): { ok: true; spell: NewSpell } | { ok: false; reason: string } {
  const text = (field: string) => String(form.get(field) ?? '').trim();
  // Empty means no price of its own: the server's default cost, as in the spell's settings.
  const price = parsePrice(text('price'));
  if (!price.ok) return price;
  const timeout = parseTimeout(text('timeout_ms'));
  if (!timeout.ok) return timeout;
  const schema = parseInputSchema(text('input_schema'));
  if (!schema.ok) return schema;
  return {
    ok: true,
    spell: {
      name: text('name'),
      description: String(form.get('description') ?? ''),
      visibility: form.get('visibility') === 'public' ? 'public' : 'private',
      price_cents: price.value,
      function_name: text('function_name') || 'cast',
      timeout_ms: timeout.value,
      input_schema: schema.value,
      tags: parseTags(text('tags')),
    },
  };
}

/**
 * Creates a spell with its first module in one request. The server checks the module before it
 * stores anything, so a refused module leaves no spell behind: the form stays, with the reason.
 */
export function PublishForm({ onCreated }: { onCreated: () => void }) {
  const navigate = useNavigate();
  const { me } = useSession();
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
        <TextField
          label="Name"
          name="name"
          required
          pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
          hint={me ? `Lower-case letters, digits and dashes. Casts name it ${me.tenant.handle}/<name>.` : 'Lower-case letters, digits and dashes.'}
        />
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
      <TextField label="Tags" name="tags" hint="Up to 10, with commas between: how the catalog finds it. A README can follow on the spell’s settings." />
      <button type="submit" disabled={busy}>
        {busy ? 'Publishing…' : 'Publish'}
      </button>
    </form>
  );
}
