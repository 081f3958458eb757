/**
 * A value a property's schema accepts, for the curl example, the JSON editor's first input and
 * the form's required fields: `const`, then `default`, the first of `enum` or `examples`, then
 * a value of its type within the simple bounds (`minLength`/`maxLength`, `minimum`/`maximum`
 * and their exclusive forms, `multipleOf`). `pattern`, `format` and combinations of schemas are
 * not guessed at: the server's answer to a cast names what such a value still lacks.
 */

type SchemaObject = Record<string, unknown>;

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** A readable word cut or padded to the length bounds. */
function exampleText(property: SchemaObject): string {
  const min = Math.max(0, Math.ceil(numberOr(property.minLength, 0)));
  const max = Math.max(min, Math.floor(numberOr(property.maxLength, Infinity)));
  return 'example'.slice(0, max).padEnd(min, 'x');
}

/** 0 when the bounds allow it, else the nearest bound the value may take (a whole number for integers). */
function exampleNumber(property: SchemaObject, integer: boolean): number {
  const minimum = numberOr(property.minimum, -Infinity);
  const maximum = numberOr(property.maximum, Infinity);
  const exclusiveMinimum = numberOr(property.exclusiveMinimum, -Infinity);
  const exclusiveMaximum = numberOr(property.exclusiveMaximum, Infinity);
  const step = typeof property.multipleOf === 'number' && property.multipleOf > 0 ? property.multipleOf : integer ? 1 : undefined;
  const fits = (value: number) => value >= minimum && value <= maximum && value > exclusiveMinimum && value < exclusiveMaximum;
  const lowest = Math.max(minimum, exclusiveMinimum);
  const highest = Math.min(maximum, exclusiveMaximum);
  let candidates: number[];
  if (step === undefined) {
    // An exclusive bound is never the value: step inside it by 1, or to the middle of a narrow range.
    const middle = (lowest + highest) / 2;
    candidates = [0, lowest, lowest + 1, highest, highest - 1, middle];
  } else {
    candidates = [0, Math.ceil(lowest / step) * step, (Math.floor(lowest / step) + 1) * step, Math.floor(highest / step) * step, (Math.ceil(highest / step) - 1) * step];
  }
  return candidates.find((value) => Number.isFinite(value) && fits(value)) ?? 0;
}

/** An example value `property` accepts (null for a property it cannot tell the type of). */
export function exampleValue(property: unknown): unknown {
  if (!isObject(property)) return null;
  if ('const' in property) return property.const;
  if ('default' in property) return property.default;
  if (Array.isArray(property.enum)) return property.enum[0] ?? null;
  if (Array.isArray(property.examples) && property.examples.length > 0) return property.examples[0];
  switch (property.type) {
    case 'string':
      return exampleText(property);
    case 'number':
    case 'integer':
      return exampleNumber(property, property.type === 'integer');
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return exampleObject(property);
    default:
      return null;
  }
}

/** An object `schema` accepts: every property's example, the optional ones too, so the example shows each key. */
export function exampleObject(schema: unknown): Record<string, unknown> {
  if (!isObject(schema) || !isObject(schema.properties)) return {};
  return Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, exampleValue(property)]));
}
