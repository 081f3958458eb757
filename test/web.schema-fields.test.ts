import { describe, expect, it } from 'vitest';
import { validateCastInput } from '../src/spells/input-schema.js';
import { castCurl } from '../web/src/components/curl-example.js';
import { exampleObject } from '../web/src/schema-form/example-value.js';
import { formFieldsOf, initialValues, inputFromValues, sampleInput, valuesFromInput } from '../web/src/schema-form/schema-fields.js';

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
    // Required fields start with a value the schema accepts (text has minLength 1); optional ones empty.
    expect(fields && initialValues(fields)).toEqual({ text: 'example', limit: '10', ratio: '', strict: false, unit: '' });
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

  it('starts the curl example, the JSON editor and the form with input the spell’s own schema accepts', () => {
    const bounded = {
      type: 'object',
      properties: {
        text: { type: 'string', minLength: 1 },
        code: { type: 'string', minLength: 10, maxLength: 12 },
        tiny: { type: 'string', maxLength: 3 },
        times: { type: 'integer', minimum: 1 },
        above: { type: 'integer', exclusiveMinimum: 4 },
        below: { type: 'number', maximum: -2.5 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        even: { type: 'integer', minimum: 3, multipleOf: 2 },
        level: { enum: ['low', 'high'] },
        fixed: { const: 'v1' },
        size: { type: 'integer', minimum: 1, default: 5 },
        sample: { type: 'string', examples: ['Hello'] },
        flag: { type: 'boolean' },
        options: { type: 'object', properties: { depth: { type: 'integer', minimum: 2 } }, required: ['depth'] },
      },
      required: ['text', 'code', 'times', 'above', 'below', 'ratio', 'even', 'level', 'fixed', 'options'],
      additionalProperties: false,
    };
    const example = exampleObject(bounded);
    expect(example).toEqual({
      text: 'example', code: 'examplexxx', tiny: 'exa', times: 1, above: 5, below: -2.5, ratio: 0.5, even: 4,
      level: 'low', fixed: 'v1', size: 5, sample: 'Hello', flag: false, options: { depth: 2 },
    });
    expect(validateCastInput(bounded, example, 'web.schema-fields:bounded')).toEqual({ ok: true });
    expect(JSON.parse(sampleInput(bounded))).toEqual(example);
    expect(castCurl('http://localhost:8080', 'ada/shout', example)).toContain(`-d '{"spell":"ada/shout","input":{"text":"example",`);

    // The reported case: a form of a required text (minLength 1) and count (minimum 1) casts as it stands.
    const shout = { type: 'object', properties: { text: { type: 'string', minLength: 1 }, times: { type: 'integer', minimum: 1 } }, required: ['text', 'times'] };
    const fields = formFieldsOf(shout) ?? [];
    const read = inputFromValues(fields, initialValues(fields));
    expect(read).toEqual({ ok: true, input: { text: 'example', times: 1 } });
    expect(read.ok && validateCastInput(shout, read.input, 'web.schema-fields:shout')).toEqual({ ok: true });
  });
});
