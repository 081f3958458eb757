/**
 * A spell's `input_schema` as the fields of a form, when it is a flat object the form can say
 * in full: properties of type string, number, integer or boolean, or an `enum` of such values,
 * with `required`, `title`, `description` and `default`. Anything else (nested objects, arrays,
 * unions, `$ref`, conditionals) is not a form: the playground gives the JSON editor instead.
 * The server validates every cast against the whole schema either way.
 */
import { exampleObject, exampleValue } from './example-value.js';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum';
export type EnumValue = string | number | boolean | null;

export interface FormField {
  key: string;
  kind: FieldKind;
  required: boolean;
  label: string;
  description: string | undefined;
  /** For `enum`. */
  options: EnumValue[];
  defaultValue: unknown;
  /** A value the property's schema accepts (example-value.ts): a required field starts with it. */
  example: unknown;
}

/** What the form holds: text for every field but a boolean's checkbox. */
export type FormValues = Record<string, string | boolean>;

type SchemaObject = Record<string, unknown>;

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keywords that only annotate or constrain a value the form still types in as-is: the server
// checks them on the cast and its answer names the field.
const PROPERTY_KEYWORDS = new Set(['type', 'title', 'description', 'default', 'enum', 'examples', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'format', '$comment']);
const OBJECT_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'title', 'description', '$schema', '$id', '$comment', 'examples']);
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

function fieldOf(key: string, property: unknown, required: boolean): FormField | null {
  if (!isObject(property) || Object.keys(property).some((keyword) => !PROPERTY_KEYWORDS.has(keyword))) return null;
  const { type, title, description, enum: options } = property;
  let kind: FieldKind;
  if (Array.isArray(options)) {
    if (options.length === 0 || !options.every((option) => option === null || ['string', 'number', 'boolean'].includes(typeof option))) return null;
    kind = 'enum';
  } else if (typeof type === 'string' && SCALAR_TYPES.has(type)) {
    kind = type as FieldKind;
  } else {
    return null;
  }
  return {
    key,
    kind,
    required,
    label: typeof title === 'string' && title ? title : key,
    description: typeof description === 'string' && description ? description : undefined,
    options: kind === 'enum' ? (options as EnumValue[]) : [],
    defaultValue: property.default,
    example: exampleValue(property),
  };
}

/** The form's fields for `schema`, the required ones first; null when a form cannot express it. */
export function formFieldsOf(schema: unknown): FormField[] | null {
  if (!isObject(schema) || schema.type !== 'object' || !isObject(schema.properties)) return null;
  if (Object.keys(schema).some((keyword) => !OBJECT_KEYWORDS.has(keyword))) return null;
  if (schema.additionalProperties !== undefined && typeof schema.additionalProperties !== 'boolean') return null;
  const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : [];
  const properties = Object.entries(schema.properties);
  // A required key with no property of its own cannot be typed into any field.
  if (required.some((key) => !(key in (schema.properties as SchemaObject)))) return null;
  const fields: FormField[] = [];
  for (const [key, property] of properties) {
    const field = fieldOf(key, property, required.includes(key));
    if (!field) return null;
    fields.push(field);
  }
  // Required fields first: the stored schema (jsonb) keeps no order of its own worth keeping.
  return [...fields.filter((field) => field.required), ...fields.filter((field) => !field.required)];
}

/** An enum value as a <select>'s option value (and back): JSON keeps 1, "1" and true apart. */
export const optionValue = (value: EnumValue) => JSON.stringify(value);

function textOf(field: FormField, value: unknown): string | boolean | undefined {
  if (field.kind === 'boolean') return typeof value === 'boolean' ? value : undefined;
  if (field.kind === 'enum') return field.options.some((option) => option === value) ? optionValue(value as EnumValue) : undefined;
  if (field.kind === 'string') return typeof value === 'string' ? value : undefined;
  if (typeof value !== 'number' || (field.kind === 'integer' && !Number.isInteger(value))) return undefined;
  return String(value);
}

/**
 * The form's first values: each field's default; else, for a required field, a value its schema
 * accepts, so the form casts as it stands; else empty (a boolean unchecked).
 */
export function initialValues(fields: FormField[]): FormValues {
  const first = (field: FormField) => textOf(field, field.defaultValue) ?? (field.required ? textOf(field, field.example) : undefined);
  return Object.fromEntries(fields.map((field) => [field.key, first(field) ?? (field.kind === 'boolean' ? false : '')]));
}

export type FieldIssues = Record<string, string>;

/**
 * The cast's input from the form: empty optional fields are left out. With `loose` (switching to
 * the JSON editor) nothing is refused: what cannot be read yet is left out.
 */
export function inputFromValues(fields: FormField[], values: FormValues, loose = false): { ok: true; input: Record<string, unknown> } | { ok: false; issues: FieldIssues } {
  const input: Record<string, unknown> = {};
  const issues: FieldIssues = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'boolean') {
      input[field.key] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text === '' && field.kind !== 'string') {
      if (field.required) issues[field.key] = 'Required.';
      continue;
    }
    if (text === '' && !field.required) continue;
    if (field.kind === 'string') input[field.key] = text;
    else if (field.kind === 'enum') input[field.key] = JSON.parse(text) as EnumValue;
    else {
      const number = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(number)) issues[field.key] = 'Enter a number.';
      else if (field.kind === 'integer' && !Number.isInteger(number)) issues[field.key] = 'Enter a whole number.';
      else input[field.key] = number;
    }
  }
  if (!loose && Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, input };
}

/** The form's values holding `input` (switching from the JSON editor), or null when the form cannot hold it. */
export function valuesFromInput(fields: FormField[], input: unknown): FormValues | null {
  if (!isObject(input)) return null;
  if (Object.keys(input).some((key) => !fields.some((field) => field.key === key))) return null;
  const values: FormValues = {};
  for (const field of fields) {
    if (!(field.key in input)) {
      values[field.key] = field.kind === 'boolean' ? false : '';
      continue;
    }
    const text = textOf(field, input[field.key]);
    if (text === undefined) return null;
    values[field.key] = text;
  }
  return values;
}

/** A starting input for the JSON editor (and the curl example): each property with a value its schema accepts. */
export function sampleInput(schema: unknown): string {
  return JSON.stringify(exampleObject(schema), null, 2);
}
