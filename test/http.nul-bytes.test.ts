import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator, type Operator } from './helpers/admin.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

/** The parts of an OpenAPI 3.1 document this test reads. */
interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, string[]>[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** One request that carries a NUL in exactly one string field the document declares. */
interface NulCase {
  name: string;
  method: string;
  url: string;
  auth: 'session' | 'admin' | 'none';
  body?: unknown;
}

const WITH_NUL = 'a\u0000b';

const isType = (schema: JsonSchema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** A plausible valid value for `schema`, so the only thing wrong with a request is the NUL. */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((option) => !isType(option, 'null')) ?? schema.anyOf[0] ?? {});
  if (schema.enum) return schema.enum[0];
  if (isType(schema, 'object')) {
    const required = new Set(schema.required ?? []);
    const entries = Object.entries(schema.properties ?? {}).filter(([key]) => required.has(key));
    return Object.fromEntries(entries.map(([key, property]) => [key, sample(property)]));
  }
  if (isType(schema, 'array')) return [];
  if (isType(schema, 'integer') || isType(schema, 'number')) return Math.max(schema.minimum ?? 1, 1);
  if (isType(schema, 'boolean')) return false;
  if (isType(schema, 'string')) {
    if (schema.format === 'email') return 'someone@example.com';
    if (schema.format === 'uuid') return randomUUID();
    if (schema.format === 'date-time') return new Date().toISOString();
    return 'x';
  }
  return null;
}

/** JSON pointers of every string field inside `schema` (object properties, alternatives, items). */
function stringFields(schema: JsonSchema, path: string[] = []): string[][] {
  if (schema.anyOf) return schema.anyOf.flatMap((option) => stringFields(option, path));
  if (isType(schema, 'string')) return [path];
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, property]) => stringFields(property, [...path, key]));
  }
  if (schema.items) return stringFields(schema.items, [...path, '0']);
  return [];
}

function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const container = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(container) ? [...container] : { ...container };
  (copy as Record<string, unknown>)[head] = withValueAt(container[head], rest, value);
  return copy;
}

function authOf(operation: Operation): NulCase['auth'] {
  if (operation.security?.some((scheme) => 'adminToken' in scheme)) return 'admin';
  if (operation.security !== undefined && operation.security.length === 0) return 'none';
  return 'session';
}

/**
 * Every (operation, string field) pair in the document, as a request with a NUL in that field;
 * `known` path values (an existing spell, tenant, key) let the rest of the request be real.
 */
function nulCases(document: OpenApiDocument, known: Record<string, string>): NulCase[] {
  const cases: NulCase[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const pathValues = Object.fromEntries(
        parameters
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, known[p.name] ?? String(sample(p.schema ?? { type: 'string' }))]),
      );
      const urlWith = (overrides: { path?: [string, string]; query?: [string, string] }) => {
        const values = { ...pathValues, ...(overrides.path ? { [overrides.path[0]]: overrides.path[1] } : {}) };
        const url = template.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(values[name] ?? 'x'));
        return overrides.query ? `${url}?${new URLSearchParams([overrides.query]).toString()}` : url;
      };
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const body = bodySchema ? sample(bodySchema) : undefined;
      const base = { method: method.toUpperCase(), auth: authOf(operation) };
      for (const parameter of parameters) {
        if (parameter.in !== 'path' && parameter.in !== 'query') continue;
        if (!parameter.schema || stringFields(parameter.schema).length === 0) continue;
        const url = urlWith(parameter.in === 'path' ? { path: [parameter.name, WITH_NUL] } : { query: [parameter.name, WITH_NUL] });
        cases.push({ ...base, name: `${base.method} ${template} ${parameter.in} ${parameter.name}`, url, body });
      }
      for (const field of bodySchema ? stringFields(bodySchema) : []) {
        cases.push({
          ...base,
          name: `${base.method} ${template} body /${field.join('/')}`,
          url: urlWith({}),
          body: withValueAt(body, field, WITH_NUL),
        });
      }
    }
  }
  return cases;
}

let t: TestApp;
let user: SignedUp;
let operator: Operator;
let cases: NulCase[];
beforeAll(async () => {
  t = await buildTestApp();
  user = await signUp(t.app);
  operator = await createOperator(t.services);
  await publish(t.app, user, 'echo', exampleSpell('echo'));
  const { prefix } = await createKey(t.app, user);
  const document = (await t.app.inject({ url: '/openapi.json' })).json<OpenApiDocument>();
  cases = nulCases(document, { name: 'echo', prefix, id: user.user.tenant_id });
});
afterAll(() => t.close());

const headersFor = (auth: NulCase['auth']) =>
  auth === 'admin' ? operator.headers : auth === 'session' ? user.headers : {};

describe('http.nul-bytes', () => {
  it('answers 400 validation_failed, never 500, to a NUL in every string field the OpenAPI document declares', async () => {
    const names = cases.map((entry) => entry.name);
    // The generator really walked the document: a few fields from the issue's reproduction.
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /v1/keys body /name',
        'POST /v1/auth/register body /display_name',
        'POST /v1/auth/login body /email',
        'POST /v1/spells body /description',
        'POST /v1/cast body /spell',
        'POST /v1/admin/license-keys body /memo',
        'GET /v1/admin/tenants query q',
        'GET /v1/admin/audit-logs query actor_id',
        'GET /v1/spells/{name} path name',
      ]),
    );
    const answers: string[] = [];
    for (const entry of cases) {
      const response = await t.app.inject({
        method: entry.method as 'GET',
        url: entry.url,
        headers: headersFor(entry.auth),
        ...(entry.body === undefined ? {} : { payload: entry.body as Record<string, unknown> }),
      });
      const error = String(response.headers['content-type']).includes('json') ? response.json<{ error?: string }>().error : undefined;
      answers.push(`${entry.name} → ${response.statusCode} ${error ?? response.body.slice(0, 80)}`);
    }
    expect(answers).toEqual(cases.map((entry) => `${entry.name} → 400 validation_failed`));
  });

  it('names where the NUL is, also in a JSON key, and still refuses a deeply nested one', async () => {
    const inKey = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: '{"name":"fine","na\\u0000me":"x"}',
    });
    expect(inKey.statusCode).toBe(400);
    expect(inKey.json()).toMatchObject({ error: 'validation_failed', issues: [{ in: 'body', path: '/na\\u0000me' }] });

    const depth = 100_000;
    const nested = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: `{"name":"fine","extra":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`,
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json()).toMatchObject({ error: 'validation_failed' });

    const search = await t.app.inject({ url: '/v1/admin/tenants?q=%00', headers: operator.headers });
    expect(search.json()).toMatchObject({ error: 'validation_failed', issues: [{ in: 'querystring', path: '/q' }] });
  });

  it("passes a NUL inside a cast's input to the spell, which is data and never stored as text", async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cast',
      headers: user.headers,
      payload: { spell: 'echo', input: { 'k\u0000': 'v\u0000' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ output: { 'k\u0000': 'v\u0000' } });
  });
});
