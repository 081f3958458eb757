import { describe, expect, it } from 'vitest';
import { formFieldsOf, initialValues, inputFromValues, valuesFromInput } from '../web/src/schema-form/schema-fields.js';

const schema = {
  type: 'object',
  properties: {
    text: { type: 'string', description: 'What to count', minLength: 1 },
    limit: { type: 'integer', default: 10 },
    ratio: { type: 'number' },
    strict: { type: 'boolean' },
    unit: { enum: ['words', 'lines', 3] },
  },
  required: ['limit', 'text'],
  additionalProperties: false,
};

describe('web.schema-fields: the playground form from an input schema', () => {
  it('makes a field per property of a flat object schema, with required marks, hints and defaults', () => {
    const fields = formFieldsOf(schema);
    expect(fields?.map((field) => [field.key, field.kind, field.required])).toEqual([
      ['text', 'string', true],
      ['limit', 'integer', true],
      ['ratio', 'number', false],
      ['strict', 'boolean', false],
      ['unit', 'enum', false],
    ]);
    expect(fields?.[0]?.description).toBe('What to count');
    expect(fields && initialValues(fields)).toEqual({ text: '', limit: '10', ratio: '', strict: false, unit: '' });
  });

  it('leaves to the JSON editor what a form cannot express', () => {
    const nested = { type: 'object', properties: { options: { type: 'object', properties: {} } } };
    const list = { type: 'object', properties: { words: { type: 'array', items: { type: 'string' } } } };
    const union = { type: 'object', properties: { id: { type: ['string', 'number'] } } };
    const choice = { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ required: ['a'] }] };
    const ref = { type: 'object', properties: { a: { $ref: '#/definitions/a' } } };
    const requiredWithoutField = { type: 'object', properties: {}, required: ['ghost'] };
    for (const hard of [nested, list, union, choice, ref, requiredWithoutField, { type: 'string' }, null]) expect(formFieldsOf(hard)).toBeNull();
  });

  it('reads the input from the form: numbers as numbers, enums with their own type, empty optional fields left out', () => {
    const fields = formFieldsOf(schema) ?? [];
    expect(inputFromValues(fields, { text: 'hi', limit: '3', ratio: '', strict: true, unit: '3' })).toEqual({
      ok: true,
      input: { text: 'hi', limit: 3, strict: true, unit: 3 },
    });
    expect(inputFromValues(fields, { text: 'hi', limit: '', ratio: 'x', strict: false, unit: '' })).toEqual({
      ok: false,
      issues: { limit: 'Required.', ratio: 'Enter a number.' },
    });
    expect(inputFromValues(fields, { text: 'hi', limit: '2.5', ratio: '', strict: false, unit: '' })).toEqual({ ok: false, issues: { limit: 'Enter a whole number.' } });
  });

  it('takes JSON back into the form only when every key and value fits a field', () => {
    const fields = formFieldsOf(schema) ?? [];
    expect(valuesFromInput(fields, { text: 'hi', limit: 2, unit: 'lines' })).toEqual({ text: 'hi', limit: '2', ratio: '', strict: false, unit: '"lines"' });
    expect(valuesFromInput(fields, { text: 'hi', extra: 1 })).toBeNull();
    expect(valuesFromInput(fields, { limit: 'two' })).toBeNull();
    expect(valuesFromInput(fields, { unit: 'pages' })).toBeNull();
    expect(valuesFromInput(fields, [1])).toBeNull();
  });
});
