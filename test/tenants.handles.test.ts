import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantHandles } from '../src/db/schema.js';
import { handleFrom } from '../src/tenants/handles.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { claimBody, createOperator, issueKeys, type Operator } from './helpers/admin.js';
import { startGitHubStandIn, type GitHubStandIn } from './helpers/github-stand-in.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

let github: GitHubStandIn;
let t: TestApp;
let operator: Operator;
beforeAll(async () => {
  github = await startGitHubStandIn();
  t = await buildTestApp({
    env: {
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      GITHUB_OAUTH_BASE_URL: github.baseUrl,
      GITHUB_API_BASE_URL: github.baseUrl,
    },
  });
  operator = await createOperator(t.services);
});
afterAll(async () => {
  await t.close();
  await github.close();
});

const unique = () => randomBytes(4).toString('hex');
const handleOf = async (headers: { authorization: string }) =>
  (await t.app.inject({ url: '/v1/me', headers })).json<{ tenant: { handle: string } }>().tenant.handle;
const changeTo = (user: SignedUp, handle: string) => t.app.inject({ method: 'PATCH', url: '/v1/tenant', headers: user.headers, payload: { handle } });
const register = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/v1/auth/register', payload });

describe('tenants.handles: derivation', () => {
  it('derives a handle from an email’s local part, folding accents and symbols, cutting long names', () => {
    expect(handleFrom('Jane.Doe+spells@example.com')).toBe('jane-doe-spells');
    expect(handleFrom('Zoë Ångström-Søren')).toBe('zoe-angstrom-s-ren');
    expect(handleFrom('Crème Brûlée')).toBe('creme-brulee');
    expect(handleFrom('  !!Hello,   World__  ')).toBe('hello-world');
    expect(handleFrom('ACME Corp.')).toBe('acme-corp');
    const long = handleFrom('The Quite Extraordinarily Long Company Name Of Doom');
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long).toBe('the-quite-extraordinarily-long');
    expect(handleFrom('abcdefghij-abcdefghij-abcdefgh-xyz')).toBe('abcdefghij-abcdefghij-abcdefgh');
    expect(handleFrom('abcdefghij-abcdefghij-abcdefg-xyz')).toBe('abcdefghij-abcdefghij-abcdefg');
    for (const empty of ['', '   ', '@example.com', '!!!', '日本語']) expect(handleFrom(empty), empty).toBe('user');
  });

  it('gives a reserved or taken name a suffix at sign-up', async () => {
    const first = await register({ email: `a-${unique()}@example.com`, password: 'correct horse battery staple', display_name: 'Admin' });
    expect(first.statusCode).toBe(201);
    const handle = await handleOf({ authorization: `Bearer ${first.json<{ token: string }>().token}` });
    expect(handle).toMatch(/^admin-(?:[2-9]|[0-9a-f]{6})$/);
    const platform = await register({ email: `b-${unique()}@example.com`, password: 'correct horse battery staple', display_name: 'Spell' });
    expect(await handleOf({ authorization: `Bearer ${platform.json<{ token: string }>().token}` })).toMatch(/^spell-/);
  });

  it('gives 40 concurrent sign-ups with one display name 40 distinct handles, each claimed once', async () => {
    const name = `Crowd ${unique()}`;
    const base = handleFrom(name);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => register({ email: `crowd-${index}-${unique()}@example.com`, password: 'correct horse battery staple', display_name: name })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(40).fill(201));
    const handles = await Promise.all(answers.map((answer) => handleOf({ authorization: `Bearer ${answer.json<{ token: string }>().token}` })));
    expect(new Set(handles).size).toBe(40);
    for (const handle of handles) expect(handle).toMatch(new RegExp(`^${base}(?:-[2-9]|-[0-9a-f]{6})?$`));
    expect(handles).toContain(base);
    const claims = await t.services.db.select().from(tenantHandles).where(inArray(tenantHandles.handle, handles));
    expect(claims).toHaveLength(40);
    const tenantIds = answers.map((answer) => answer.json<{ user: { tenant_id: string } }>().user.tenant_id);
    expect(new Set(claims.map((claim) => claim.tenantId))).toEqual(new Set(tenantIds));
  });

  it('gives a license claim its team’s handle and a GitHub sign-in its login', async () => {
    const [issued] = await issueKeys(t.app, operator, 1);
    const team = `Lantern Labs ${unique()}`;
    const claimed = await t.app.inject({ method: 'POST', url: '/v1/public/license/claim', payload: claimBody(issued?.key ?? '', { tenant_name: team }) });
    expect(claimed.statusCode).toBe(201);
    expect(await handleOf({ authorization: `Bearer ${claimed.json<{ token: string }>().token}` })).toBe(handleFrom(team));

    const login = `Octo_Cat${unique()}`;
    const start = await t.app.inject({ url: '/auth/github' });
    const state = new URL(start.headers.location as string).searchParams.get('state') ?? '';
    const cookie = start.cookies.find((entry) => entry.name === 'spell_oauth_state')?.value ?? '';
    const code = github.issueCode({ id: Number.parseInt(unique(), 16), login, name: 'Someone Else Entirely', emails: [{ email: `${login}@example.com`, primary: true, verified: true }] });
    const signedIn = await t.app.inject({
      url: `/auth/callback?${new URLSearchParams({ code, state })}`,
      headers: { accept: 'application/json' },
      cookies: { spell_oauth_state: cookie },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(await handleOf({ authorization: `Bearer ${signedIn.json<{ token: string }>().token}` })).toBe(login.toLowerCase().replace('_', '-'));
  });
});

describe('tenants.handles: changing', () => {
  it('refuses invalid and reserved handles (400), a key (403), and handles someone holds or held (409)', async () => {
    const user = await signUp(t.app);
    const other = await signUp(t.app);
    for (const bad of ['-edge', 'edge-', 'two  words', 'under_score', 'é', 'x'.repeat(40), 'admin', 'spell', 'api']) {
      const refused = await changeTo(user, bad);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'validation_failed' });
    }
    const { key } = await createKey(t.app, user);
    const byKey = await t.app.inject({ method: 'PATCH', url: '/v1/tenant', headers: { authorization: `Bearer ${key}` }, payload: { handle: `key-${unique()}` } });
    expect(byKey.statusCode).toBe(403);
    const taken = await changeTo(user, await handleOf(other.headers));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'conflict', message: expect.stringMatching(/is taken/) });
  });

  it('changes the handle, keeps the old one its own for ever, allows changing back, and audits each change', async () => {
    const user = await signUp(t.app);
    const other = await signUp(t.app);
    const original = await handleOf(user.headers);
    const fresh = `Renamed-${unique()}`;
    const changed = await changeTo(user, fresh);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ tenant: { id: user.user.tenant_id, handle: fresh.toLowerCase() } });
    expect(await handleOf(user.headers)).toBe(fresh.toLowerCase());

    const stolen = await changeTo(other, original);
    expect(stolen.statusCode).toBe(409);
    const account = await t.app.inject({ url: '/v1/tenant', headers: user.headers });
    expect(account.json()).toMatchObject({ handle: { locked: false, locked_reason: null, held: [original, fresh.toLowerCase()] } });

    expect((await changeTo(user, original)).statusCode).toBe(200);
    expect(await handleOf(user.headers)).toBe(original);
    expect((await changeTo(user, original)).statusCode).toBe(200);
    expect((await changeTo(other, fresh.toLowerCase())).statusCode).toBe(409);

    const trail = (await t.app.inject({ url: '/v1/audit-logs?action=handle_changed', headers: user.headers })).json<{
      audit_logs: { actor: { type: string; id: string }; before: { handle: string }; after: { handle: string } }[];
    }>().audit_logs;
    expect(trail.map((row) => [row.before.handle, row.after.handle])).toEqual([
      [fresh.toLowerCase(), original],
      [original, fresh.toLowerCase()],
    ]);
    for (const row of trail) expect(row.actor).toEqual({ type: 'user', id: user.user.id });

    const found = await t.app.inject({ url: `/v1/admin/tenants?q=${fresh.toLowerCase()}`, headers: operator.headers });
    expect(found.json<{ tenants: { id: string; handle: string }[] }>().tenants).toEqual([expect.objectContaining({ id: user.user.tenant_id, handle: original })]);
  });

  it('holds at most five handles over a tenant’s life: a sixth is refused, changing back still works', async () => {
    const user = await signUp(t.app);
    const original = await handleOf(user.headers);
    const taken = [original];
    for (let n = 0; n < 4; n++) {
      const next = `hop-${unique()}`;
      expect((await changeTo(user, next)).statusCode).toBe(200);
      taken.push(next);
    }
    const sixth = `hop-${unique()}`;
    const refused = await changeTo(user, sixth);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('at most 5 handles') });
    expect(await handleOf(user.headers)).toBe(taken[4]);
    // The refused handle was not claimed: somebody else may take it.
    const other = await signUp(t.app);
    expect((await changeTo(other, sixth)).statusCode).toBe(200);
    expect((await changeTo(user, original)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/tenant', headers: user.headers })).json()).toMatchObject({ handle: { held: taken } });
  });

  it('locks the handle once a spell has been public, also after the spell is made private again', async () => {
    const user = await signUp(t.app);
    const handle = await handleOf(user.headers);
    const name = `shown-${unique()}`;
    await publish(t.app, user, name, exampleSpell('echo'), { visibility: 'public' });
    const hidden = await t.app.inject({ method: 'PATCH', url: `/v1/spells/${name}`, headers: user.headers, payload: { visibility: 'private' } });
    expect(hidden.statusCode).toBe(200);
    const locked = await changeTo(user, `free-${unique()}`);
    expect(locked.statusCode).toBe(409);
    expect(locked.json<{ message: string }>().message).toContain(`${handle}/${name} has been public`);
    expect((await t.app.inject({ url: '/v1/tenant', headers: user.headers })).json()).toMatchObject({ handle: { locked: true, locked_reason: expect.stringContaining(name) } });
    expect(await handleOf(user.headers)).toBe(handle);
  });

  it('casts a private spell by its new name after a change; the old name names nobody', async () => {
    const user = await signUp(t.app);
    const old = await handleOf(user.headers);
    const name = `quiet-${unique()}`;
    await publish(t.app, user, name, exampleSpell('echo'));
    const fresh = `moved-${unique()}`;
    expect((await changeTo(user, fresh)).statusCode).toBe(200);
    const cast = (spell: string) => t.app.inject({ method: 'POST', url: '/v1/cast', headers: user.headers, payload: { spell, input: { a: 1 } } });
    const byNewName = await cast(`${fresh}/${name}`);
    expect(byNewName.statusCode).toBe(200);
    expect(byNewName.json()).toMatchObject({ output: { a: 1 } });
    expect((await cast(`${fresh}/${name}@1`)).statusCode).toBe(200);
    expect((await cast(name)).statusCode).toBe(200);
    expect((await cast(`${old}/${name}`)).statusCode).toBe(404);
    const history = await t.app.inject({ url: '/v1/casts?limit=1', headers: user.headers });
    expect(history.json<{ casts: { spell: string }[] }>().casts[0]?.spell).toBe(`${fresh}/${name}`);
  });
});
