import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient as generateClient } from '@hey-api/openapi-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSpell } from '../src/spells/demo.js';
import { exampleSpell } from './helpers/spells.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

/**
 * Drives real flows through an SDK that @hey-api/openapi-ts generates from the served
 * /openapi.json (a different generator from the web app's openapi-typescript), so the document
 * is checked by what a client built from it can actually do.
 */

interface Outcome<T> {
  data?: T;
  error?: { error: string; message: string; [detail: string]: unknown };
  response: Response;
}
interface Options {
  client?: unknown;
  body?: unknown;
  path?: Record<string, string>;
  headers?: Record<string, string>;
  /** `null` sends `body` as it is (the client serializes JSON by default). */
  bodySerializer?: null;
}
type Call<T> = (options: Options) => Promise<Outcome<T>>;

/** The generated SDK functions this test calls, named by the document's operationIds. */
interface Sdk {
  register: Call<{ token: string; user: { email: string; tenant_id: string } }>;
  createApiKey: Call<{ key: string; prefix: string; name: string }>;
  listApiKeys: Call<{ keys: { prefix: string; name: string }[] }>;
  castSpell: Call<{ cast_id: string; output: unknown; cost_cents: number }>;
  getCast: Call<{ id: string; status: string; spell: string }>;
  getHealth: Call<{ status: string }>;
  createSpell: Call<{ name: string; owner: string; price_cents: number | null }>;
  uploadSpellVersion: Call<{ version: number }>;
  setBudget: Call<{ budget: { hard_limit_cents: number } }>;
}
interface ClientModule {
  createClient(config: { baseUrl: string; auth?: (scheme: { scheme?: string }) => string | undefined }): unknown;
}

const outputDir = join(fileURLToPath(new URL('../node_modules/.cache/', import.meta.url)), `openapi-client-${randomBytes(4).toString('hex')}`);
let t: TestApp;
let sdk: Sdk;
let clients: ClientModule;
let baseUrl: string;

/** A client that sends `token` as the bearer credential (and nothing as a cookie). */
const as = (token: string) => clients.createClient({ baseUrl, auth: (scheme) => (scheme.scheme === 'bearer' ? token : undefined) });

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoSpell(t.services);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const document = (await t.app.inject({ url: '/openapi.json' })).json<Record<string, unknown>>();
  mkdirSync(outputDir, { recursive: true });
  await generateClient({ input: document, output: { path: outputDir }, logs: { level: 'silent' } });
  sdk = (await import(pathToFileURL(join(outputDir, 'sdk.gen.ts')).href)) as Sdk;
  clients = (await import(pathToFileURL(join(outputDir, 'client', 'index.ts')).href)) as ClientModule;
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(outputDir, { recursive: true, force: true });
});

describe('openapi.client', () => {
  it('signs up, makes an API key and casts the demo spell with it, then reads the cast back', async () => {
    const anonymous = clients.createClient({ baseUrl });
    expect((await sdk.getHealth({ client: anonymous })).data).toEqual({ status: 'ok' });

    const signedUp = await sdk.register({ client: anonymous, body: { email: 'sdk@example.com', password: 'generated client password' } });
    expect(signedUp.response.status).toBe(201);
    const session = signedUp.data?.token ?? '';
    expect(session).toMatch(/^sess_/);

    const created = await sdk.createApiKey({ client: as(session), body: { name: 'generated-sdk' } });
    expect(created.response.status).toBe(201);
    const key = created.data?.key ?? '';
    expect(key).toMatch(/^spell_/);
    expect((await sdk.listApiKeys({ client: as(session) })).data?.keys.map((entry) => entry.name)).toEqual(['generated-sdk']);

    const cast = await sdk.castSpell({ client: as(key), body: { spell: 'spell/text-stats', input: { text: 'One spell. Two words!' } } });
    expect(cast.response.status).toBe(200);
    expect(cast.data?.output).toMatchObject({ words: 4 });
    const castId = cast.data?.cast_id ?? '';

    const read = await sdk.getCast({ client: as(key), path: { id: castId } });
    expect(read.data).toMatchObject({ id: castId, status: 'succeeded', spell: 'spell/text-stats' });
  });

  it('brings back the documented error shape: 404 for a cast that is not yours, 401 without credentials', async () => {
    const signedUp = await sdk.register({ client: clients.createClient({ baseUrl }), body: { email: 'sdk-errors@example.com', password: 'generated client password' } });
    const session = signedUp.data?.token ?? '';

    const unknown = await sdk.getCast({ client: as(session), path: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toMatchObject({ error: 'not_found', message: expect.any(String) });

    const anonymous = await sdk.castSpell({ client: clients.createClient({ baseUrl }), body: { spell: 'spell/text-stats', input: { text: 'x' } } });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error).toMatchObject({ error: 'unauthorized' });
  });

  it('publishes a paid spell with a raw Wasm body and gets the typed 402 once the budget would be passed', async () => {
    const signedUp = await sdk.register({ client: clients.createClient({ baseUrl }), body: { email: 'sdk-budget@example.com', password: 'generated client password' } });
    const me = as(signedUp.data?.token ?? '');
    const created = await sdk.createSpell({ client: me, body: { name: 'paid-echo', price_cents: 5, visibility: 'public' } });
    expect(created.response.status).toBe(201);
    const uploaded = await sdk.uploadSpellVersion({
      client: me,
      path: { name: 'paid-echo' },
      body: new Blob([Buffer.from(exampleSpell('echo'))], { type: 'application/wasm' }),
      headers: { 'Content-Type': 'application/wasm' },
      bodySerializer: null,
    });
    expect(uploaded.response.status).toBe(201);
    expect(uploaded.data).toMatchObject({ version: 1 });
    // Another tenant casts it (a creator's own casts cost only the platform default).
    const caster = await sdk.register({ client: clients.createClient({ baseUrl }), body: { email: 'sdk-caster@example.com', password: 'generated client password' } });
    const them = as(caster.data?.token ?? '');
    expect((await sdk.setBudget({ client: them, body: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: 4 } })).data).toMatchObject({ budget: { hard_limit_cents: 4 } });

    const refused = await sdk.castSpell({ client: them, body: { spell: `${created.data?.owner ?? ''}/paid-echo`, input: { hello: 'budget' } } });
    expect(refused.response.status).toBe(402);
    expect(refused.error).toMatchObject({ error: 'budget_exceeded', period: 'monthly', limit_cents: 4, would_be_cents: 5, price_cents: 5 });
  });
});
