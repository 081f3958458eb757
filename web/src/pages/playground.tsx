import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Spell } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/alert';
import { SelectField, TextArea, TextField } from '../components/field';
import { formatCents } from '../components/format';
import { PageHeader } from '../components/layout';
import { toApiError, useLoad } from '../components/use-load';
import { CastResultPanel, type CastOutcome } from './cast-result';

/** A starting input from the spell's JSON Schema: each property with an empty value of its type. */
export function sampleInput(spell: Spell | undefined): string {
  const schema = spell?.input_schema;
  if (!schema || typeof schema !== 'object' || !('properties' in schema)) return '{}';
  const properties = (schema as { properties: Record<string, { type?: string }> }).properties;
  const empty: Record<string, unknown> = { string: '', number: 0, integer: 0, boolean: false, array: [], object: {} };
  const sample = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, empty[value.type ?? ''] ?? null]));
  return JSON.stringify(sample, null, 2);
}

export function PlaygroundPage() {
  const [params, setParams] = useSearchParams();
  const spells = useLoad(() => api.listSpells().then((body) => body.spells.filter((spell) => spell.latest_version !== null)));
  const selectedName = params.get('spell') ?? spells.data?.[0]?.name ?? '';
  const selected = spells.data?.find((spell) => spell.name === selectedName);
  const [input, setInput] = useState('{}');
  const [version, setVersion] = useState('');
  const [outcome, setOutcome] = useState<CastOutcome>();
  const [jsonError, setJsonError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setInput(sampleInput(selected));
    setOutcome(undefined);
    setVersion('');
  }, [selected]);

  // Each finished cast takes the focus to its result, so a keyboard or screen-reader user is
  // where the output is read (and a phone scrolls down to it below the form).
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const cast = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
      setJsonError(undefined);
    } catch (error) {
      setJsonError(`The input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setBusy(true);
    try {
      const response = await api.cast(version ? `${selectedName}@${version}` : selectedName, parsed);
      setOutcome({ ok: true, result: response.body, softLimitExceeded: response.headers.get('spell-budget-warning') === 'soft_limit_exceeded' });
    } catch (caught) {
      setOutcome({ ok: false, error: toApiError(caught) });
    } finally {
      setBusy(false);
    }
  };

  if (spells.error) return <ErrorAlert error={spells.error} />;
  if (!spells.data) return <Loading height="20rem" />;
  if (spells.data.length === 0) return <Empty>No spell has a version to cast yet.</Empty>;
  return (
    <>
      <PageHeader title="Cast playground" />
      <div className="playground">
        <form className="card" onSubmit={(event) => void cast(event)} aria-label="Cast a spell">
          <SelectField label="Spell" value={selectedName} onChange={(event) => setParams({ spell: event.target.value })}>
            {spells.data.map((spell) => (
              <option key={spell.name} value={spell.name}>
                {spell.name}
                {spell.price_cents ? ` (${formatCents(spell.price_cents)})` : ''}
              </option>
            ))}
          </SelectField>
          {selected && <p className="meta">{selected.description || 'No description.'} Latest version v{selected.latest_version}.</p>}
          <TextField
            label="Version (optional)"
            inputMode="numeric"
            pattern="[0-9]*"
            value={version}
            onChange={(event) => setVersion(event.target.value)}
            hint="Empty casts the latest version."
          />
          <TextArea
            label="Input (JSON)"
            rows={10}
            spellCheck={false}
            className="code"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            aria-invalid={jsonError ? true : undefined}
          />
          {jsonError && (
            <p className="field-error" role="alert">
              {jsonError}
            </p>
          )}
          {/* aria-disabled, not disabled, while casting: disabling the focused button would drop the focus to the page. */}
          <button type="submit" disabled={!selectedName} aria-disabled={busy || undefined}>
            {busy ? 'Casting…' : 'Cast'}
          </button>
        </form>
        <div className="playground-result" ref={resultRef} tabIndex={-1} role="region" aria-label="Cast result">
          {outcome ? <CastResultPanel outcome={outcome} /> : <p className="empty">The output appears here.</p>}
        </div>
      </div>
    </>
  );
}
