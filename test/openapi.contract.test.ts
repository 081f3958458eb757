import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }>;
}

let t: TestApp;
let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  t = await buildTestApp();
  document = (await t.app.inject({ url: '/openapi.json' })).json();
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
});
afterAll(() => t.close());

const where = (entry: { method: string; path: string }) => `${entry.method} ${entry.path}`;
const missing = (test: (entry: { method: string; path: string; operation: Operation }) => boolean) =>
  operations.filter((entry) => !test(entry)).map(where);

describe('openapi.contract', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('gives every operation a unique operationId and a summary, health and metrics included', () => {
    expect(missing(({ operation }) => Boolean(operation.operationId && operation.summary))).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const path of ['/healthz', '/readyz', '/metrics']) expect(document.paths[path]?.get?.operationId).toBeTruthy();
  });

  it('describes what every operation answers on success, with a schema', () => {
    expect(
      missing(({ operation }) =>
        Object.entries(operation.responses).some(
          ([status, response]) => (status === '204' || status === '302') || (status.startsWith('2') && Object.values(response.content ?? {}).some((media) => media.schema)),
        ),
      ),
    ).toEqual([]);
  });

  it('lists the error statuses: 400 for any input, 401 behind credentials, 403 on cookie writes, 429 wherever limits count', () => {
    const secured = ({ operation }: { operation: Operation }) => operation.security === undefined || operation.security.length > 0;
    const statuses = (operation: Operation) => Object.keys(operation.responses);
    expect(missing(({ operation }) => !(operation.parameters?.length || operation.requestBody) || statuses(operation).includes('400'))).toEqual([]);
    expect(missing((entry) => !secured(entry) || statuses(entry.operation).includes('401'))).toEqual([]);
    expect(
      missing(({ operation }) => !Object.values(operation.responses).some((response) => response.headers?.['RateLimit-Limit']) || statuses(operation).includes('429')),
    ).toEqual([]);
    // A write a browser may make with the session cookie can be refused for its CSRF token.
    expect(missing((entry) => entry.method === 'GET' || entry.operation.security !== undefined || statuses(entry.operation).includes('403'))).toEqual([]);
    // Any route with a body refuses another Content-Type.
    expect(missing(({ operation }) => !operation.requestBody || statuses(operation).includes('415'))).toEqual([]);
    expect(statuses(document.paths['/auth/github']?.get as Operation)).toEqual(expect.arrayContaining(['302', '429', '501']));
    expect(statuses(document.paths['/webhooks/stripe']?.post as Operation)).toEqual(expect.arrayContaining(['200', '400', '503']));
  });

  it('describes every response by its status, so a generated client’s errors say what happened', () => {
    expect(
      missing(({ operation }) => Object.values(operation.responses).every((response) => Boolean(response.description) && response.description !== 'Default Response')),
    ).toEqual([]);
    expect(document.paths['/v1/cast']?.post?.responses['402']?.description).toBe('Payment Required');
  });

  it('declares no security on public routes and the admin token on admin routes', () => {
    const open = ['/healthz', '/readyz', '/metrics', '/auth/github', '/auth/callback', '/v1/auth/register', '/v1/auth/login', '/v1/public/license/claim', '/webhooks/stripe'];
    for (const path of open) {
      for (const operation of Object.values(document.paths[path] ?? {})) expect(operation.security, path).toEqual([]);
    }
    const admin = operations.filter(({ path }) => path.startsWith('/v1/admin/'));
    expect(admin.length).toBeGreaterThan(5);
    for (const { operation } of admin) expect(operation.security).toEqual([{ adminToken: [] }]);
  });

  it('types the 402 details and documents the rate-limit, Retry-After and budget-warning headers', () => {
    const cast = document.paths['/v1/cast']?.post as Operation;
    expect(cast.responses['402']?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/PaymentRequiredError');
    expect(document.components.schemas).toHaveProperty('BudgetExceededError');
    expect(document.components.schemas).toHaveProperty('InsufficientCreditsError');
    expect(Object.keys(cast.responses['200']?.headers ?? {})).toEqual(expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'spell-budget-warning']));
    expect(Object.keys(cast.responses['429']?.headers ?? {})).toContain('Retry-After');
    expect(Object.keys(cast.responses['503']?.headers ?? {})).toContain('Retry-After');
  });

  it('lists every status a spell route answers about a deleted spell, to its owner and to anyone else', async () => {
    const [owner, other] = await Promise.all([signUp(t.app), signUp(t.app)]);
    await publish(t.app, owner, 'gone', exampleSpell('echo'), { visibility: 'public' });
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/spells/gone', headers: owner.headers })).statusCode).toBe(204);
    const spellRoutes = operations.filter(({ path }) => path.startsWith('/v1/spells/{'));
    const undocumented: string[] = [];
    for (const entry of [...spellRoutes, { method: 'POST', path: '/v1/cast', operation: document.paths['/v1/cast']?.post as Operation }]) {
      // A request the route accepts up to the point where it looks the spell up.
      const media = Object.keys(entry.operation.requestBody?.content ?? {})[0];
      const body = media === 'application/wasm' ? Buffer.from(exampleSpell('echo')) : entry.path === '/v1/cast' ? JSON.stringify({ spell: `${owner.handle}/gone`, input: {} }) : '{}';
      for (const as of [owner, other]) {
        const url = entry.path.replace('{owner}', owner.handle).replace('{name}', 'gone');
        const response = await t.app.inject({
          method: entry.method as 'GET',
          url,
          headers: { ...as.headers, ...(media && { 'content-type': media }) },
          ...(media && { payload: body }),
        });
        if (!(String(response.statusCode) in entry.operation.responses)) undocumented.push(`${where(entry)} answered ${response.statusCode} ${response.body}`);
      }
    }
    expect(spellRoutes.length).toBeGreaterThan(4);
    expect(undocumented).toEqual([]);
  });

  it('documents both request bodies of a version upload', () => {
    const upload = document.paths['/v1/spells/{name}/versions']?.post as Operation;
    expect(Object.keys(upload.requestBody?.content ?? {})).toEqual(expect.arrayContaining(['application/wasm', 'multipart/form-data']));
  });
});
