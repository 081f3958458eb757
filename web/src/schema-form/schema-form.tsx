import { useId } from 'react';
import { optionValue, type FieldIssues, type FormField, type FormValues } from './schema-fields';

interface SchemaFormProps {
  fields: FormField[];
  values: FormValues;
  issues: FieldIssues;
  onChange: (values: FormValues) => void;
}

/** The fields of a flat input schema (see schema-fields.ts), each labelled, its description as its hint. */
export function SchemaFields({ fields, values, issues, onChange }: SchemaFormProps) {
  if (fields.length === 0) return <p className="meta">This spell takes an empty object: there is nothing to fill in.</p>;
  return (
    <fieldset className="schema-form" data-testid="schema-form">
      <legend>Input</legend>
      {fields.map((field) => (
        <SchemaField key={field.key} field={field} value={values[field.key]} issue={issues[field.key]} onChange={(value) => onChange({ ...values, [field.key]: value })} />
      ))}
    </fieldset>
  );
}

function SchemaField({ field, value, issue, onChange }: { field: FormField; value: string | boolean | undefined; issue: string | undefined; onChange: (value: string | boolean) => void }) {
  const id = useId();
  const described = [field.description && `${id}-hint`, issue && `${id}-issue`].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': described, 'aria-required': field.required || undefined, 'aria-invalid': issue ? true : undefined };
  // The mark sits beside the label, not in it: the field's name stays its key (or title), and
  // `aria-required` says "required" to a screen reader.
  const label = (
    <span className="field-label">
      <label htmlFor={id}>{field.label}</label>
      {field.required && (
        <span className="required-mark" aria-hidden="true" title="required">
          *
        </span>
      )}
      {field.label !== field.key && <code className="field-key">{field.key}</code>}
    </span>
  );
  let control;
  if (field.kind === 'boolean') {
    control = <input {...common} type="checkbox" className="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
  } else if (field.kind === 'enum') {
    control = (
      <select {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value)}>
        {(!field.required || value === '') && <option value="">{field.required ? 'Choose…' : '(none)'}</option>}
        {field.options.map((option) => (
          <option key={optionValue(option)} value={optionValue(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else {
    const numeric = field.kind !== 'string';
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.kind === 'integer' ? 'numeric' : numeric ? 'decimal' : undefined}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <div className={`field${field.kind === 'boolean' ? ' field-checkbox' : ''}`} data-field={field.key}>
      {label}
      {control}
      {field.description && <small id={`${id}-hint`}>{field.description}</small>}
      {issue && (
        <small id={`${id}-issue`} className="field-error">
          {issue}
        </small>
      )}
    </div>
  );
}
