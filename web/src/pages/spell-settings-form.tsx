import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { Spell, SpellChanges } from '../api/types';
import { ErrorAlert } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { formatCents } from '../components/format';
import { parseInputSchema, parsePrice, parseTags, parseTimeout, schemaText } from '../components/settings-fields';
import { toApiError } from '../components/use-load';
import { ReadmeView } from '../markdown/lazy-readme';

/** Reads the form; only what changed is sent, so a field left alone is never re-checked. */
function readChanges(form: FormData, spell: Spell & { readme?: string }): { ok: true; changes: SpellChanges } | { ok: false; reason: string } {
  const text = (field: string) => String(form.get(field) ?? '');
  const price = parsePrice(text('price'));
  if (!price.ok) return price;
  const timeout = parseTimeout(text('timeout_ms'));
  if (!timeout.ok) return timeout;
  const schema = parseInputSchema(text('input_schema'));
  if (!schema.ok) return schema;
  const tags = parseTags(text('tags'));
  const functionName = text('function_name').trim();
  const changes: SpellChanges = {
    ...(price.value !== spell.price_cents && { price_cents: price.value }),
    ...(text('description') !== spell.description && { description: text('description') }),
    ...(text('visibility') !== spell.visibility && { visibility: text('visibility') === 'private' ? 'private' : 'public' }),
    ...(functionName && functionName !== spell.function_name && { function_name: functionName }),
    ...(timeout.value !== spell.timeout_ms && { timeout_ms: timeout.value }),
    ...(JSON.stringify(schema.value) !== JSON.stringify(spell.input_schema ?? null) && { input_schema: schema.value }),
    ...(tags.join(' ') !== spell.tags.join(' ') && { tags }),
    ...(spell.readme !== undefined && text('readme') !== spell.readme && { readme: text('readme') }),
  };
  return { ok: true, changes };
}

/** A spell's settings, its tags and its README (with a preview rendered as its page shows it). */
export function SpellSettingsForm({ spell, onSaved }: { spell: Spell & { readme?: string }; onSaved: () => void }) {
  const [error, setError] = useState<ApiError>();
  const [formError, setFormError] = useState<string>();
  const [readme, setReadme] = useState(spell.readme ?? '');
  const [preview, setPreview] = useState(false);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readChanges(new FormData(event.currentTarget), spell);
    if (!read.ok) return setFormError(read.reason);
    setFormError(undefined);
    try {
      await api.updateSpell(spell.name, read.changes);
      setError(undefined);
      onSaved();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <form className="card" onSubmit={(event) => void save(event)} aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <ErrorAlert error={error} />
      {formError && <p className="field-error" role="alert">{formError}</p>}
      <div className="form-grid">
        <TextField
          label="Price per cast ($)"
          name="price"
          inputMode="decimal"
          defaultValue={spell.price_cents === null ? '' : (spell.price_cents / 100).toFixed(2)}
          hint={`Empty: the server’s default cost. Now ${spell.price_cents === null ? 'default' : formatCents(spell.price_cents)}.`}
        />
        <SelectField
          label="Visibility"
          name="visibility"
          defaultValue={spell.visibility}
          hint={
            spell.unpublished
              ? 'Unpublished by the platform: it cannot be made public again.'
              : spell.visibility === 'public'
                ? 'Private hides it from everyone else at once, casts pinned to a version included. To retire it gently, delete it instead: pinned casts keep running for a while.'
                : undefined
          }
        >
          {/* Only a change is sent, so an unpublished spell left public is never asked to be public again. */}
          <option value="public" disabled={spell.unpublished !== null && spell.visibility !== 'public'}>
            Public
          </option>
          <option value="private">Private</option>
        </SelectField>
        <TextField label="Function" name="function_name" defaultValue={spell.function_name} pattern="[A-Za-z_][A-Za-z0-9_]{0,63}" hint="The exported function a cast calls." />
        <TextField label="Time limit (ms)" name="timeout_ms" inputMode="numeric" pattern="[0-9]*" defaultValue={spell.timeout_ms ?? ''} hint="Empty: the server’s default." />
      </div>
      <TextArea label="Description" name="description" rows={2} maxLength={2000} defaultValue={spell.description} />
      <TextField label="Tags" name="tags" defaultValue={spell.tags.join(', ')} hint="Up to 10, with commas between: lower-case letters, digits and dashes." />
      <TextArea label="Input schema (JSON Schema)" name="input_schema" rows={4} spellCheck={false} className="code" defaultValue={schemaText(spell.input_schema)} hint="Every cast’s input must match it. Empty: any JSON." />
      {spell.readme !== undefined && (
        <>
          <TextArea
            label="README (Markdown)"
            name="readme"
            rows={8}
            className="code"
            value={readme}
            onChange={(event) => setReadme(event.target.value)}
            hint="Shown on the spell’s page. Raw HTML shows as text; images show as links."
          />
          <p>
            <button type="button" className="small secondary" aria-expanded={preview} onClick={() => setPreview(!preview)}>
              {preview ? 'Hide the preview' : 'Preview the README'}
            </button>
          </p>
          {preview && (
            <div className="readme-preview">
              {readme.trim() ? <ReadmeView source={readme} label="README preview" /> : <p className="meta">The README is empty.</p>}
            </div>
          )}
        </>
      )}
      <button type="submit">Save settings</button>
    </form>
  );
}
