import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Spell } from '../api/types';
import { TextArea, TextField } from '../components/field';
import { toApiError } from '../components/use-load';
import type { CastOutcome } from '../pages/cast-result';
import { SchemaFields } from './schema-form';
import { formFieldsOf, initialValues, inputFromValues, sampleInput, valuesFromInput, type FieldIssues, type FormValues } from './schema-fields';

type Mode = 'form' | 'json';

interface CastFormProps {
  spell: Spell;
  /** The version named in the address (`owner/name@N`), or empty for the latest. */
  initialVersion: string;
  onOutcome: (outcome: CastOutcome) => void;
  /** Shown at the top of the form (the playground's spell picker). */
  children?: ReactNode;
}

/**
 * Casts `spell` by its full name. A spell whose input schema a form can express gets that form,
 * with a switch to the JSON editor and back; any other gets the JSON editor. Mount it with
 * `key={spell.full_name}` so choosing another spell starts afresh.
 */
export function CastForm({ spell, initialVersion, onOutcome, children }: CastFormProps) {
  const fields = useMemo(() => formFieldsOf(spell.input_schema), [spell.input_schema]);
  const [mode, setMode] = useState<Mode>(fields ? 'form' : 'json');
  const [values, setValues] = useState<FormValues>(() => (fields ? initialValues(fields) : {}));
  const [json, setJson] = useState(() => sampleInput(spell.input_schema));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [problem, setProblem] = useState<string>();
  const [version, setVersion] = useState(initialVersion);
  const [busy, setBusy] = useState(false);
  const [background, setBackground] = useState(false);

  const parseJson = (): { ok: true; input: unknown } | { ok: false } => {
    try {
      return { ok: true, input: JSON.parse(json) as unknown };
    } catch (error) {
      setProblem(`The input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false };
    }
  };

  const switchTo = (next: Mode) => {
    if (next === mode || !fields) return;
    if (next === 'json') {
      const read = inputFromValues(fields, values, true);
      setJson(JSON.stringify(read.ok ? read.input : {}, null, 2));
    } else {
      const parsed = parseJson();
      if (!parsed.ok) return;
      const held = valuesFromInput(fields, parsed.input);
      if (!held) return setProblem('The form cannot hold this input (a key or value it has no field for): keep editing it as JSON.');
      setValues(held);
    }
    setProblem(undefined);
    setIssues({});
    setMode(next);
  };

  const cast = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    let input: unknown;
    if (mode === 'form' && fields) {
      const read = inputFromValues(fields, values);
      if (!read.ok) return setIssues(read.issues);
      input = read.input;
    } else {
      const parsed = parseJson();
      if (!parsed.ok) return;
      input = parsed.input;
    }
    setIssues({});
    setProblem(undefined);
    setBusy(true);
    try {
      const pinned = version.trim();
      const name = pinned ? `${spell.full_name}@${pinned}` : spell.full_name;
      if (background) {
        const queued = await api.queueCast(name, input);
        onOutcome({ ok: true, queuedCastId: queued.cast_id });
      } else {
        const response = await api.cast(name, input);
        onOutcome({ ok: true, result: response.body, softLimitExceeded: response.headers.get('spell-budget-warning') === 'soft_limit_exceeded' });
      }
    } catch (caught) {
      onOutcome({ ok: false, error: toApiError(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void cast(event)} aria-label="Cast a spell">
      {children}
      <TextField
        label="Version (optional)"
        inputMode="numeric"
        pattern="[0-9]*"
        value={version}
        onChange={(event) => setVersion(event.target.value)}
        hint={`Empty casts the latest version; a number pins it (${spell.full_name}@N).`}
      />
      {fields && (
        <div className="segmented" role="group" aria-label="Input as">
          <button type="button" className="small secondary" aria-pressed={mode === 'form'} onClick={() => switchTo('form')}>
            Form
          </button>
          <button type="button" className="small secondary" aria-pressed={mode === 'json'} onClick={() => switchTo('json')}>
            JSON
          </button>
        </div>
      )}
      {mode === 'form' && fields ? (
        <SchemaFields fields={fields} values={values} issues={issues} onChange={setValues} />
      ) : (
        <TextArea
          label="Input (JSON)"
          rows={10}
          spellCheck={false}
          className="code"
          value={json}
          onChange={(event) => setJson(event.target.value)}
          aria-invalid={problem ? true : undefined}
          hint={spell.input_schema && !fields ? 'This spell’s input schema is more than a form can show: write the input as JSON.' : undefined}
        />
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="field">
        <label>
          <input
            type="checkbox"
            className="checkbox"
            checked={background}
            aria-describedby="cast-background-hint"
            onChange={(event) => setBackground(event.target.checked)}
          />{' '}
          Run in the background
        </label>
        <small id="cast-background-hint">Queued for a worker (POST /v1/casts); its status is followed here until the result.</small>
      </div>
      {/* aria-disabled, not disabled, while casting: disabling the focused button would drop the focus to the page. */}
      <button type="submit" aria-disabled={busy || undefined}>
        {busy ? 'Casting…' : 'Cast'}
      </button>
    </form>
  );
}
