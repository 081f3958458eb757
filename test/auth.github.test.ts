import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants, users } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { startGitHubStandIn, type GitHubStandIn, type GitHubUser } from './helpers/github-stand-in.js';
import { signUp } from './helpers/users.js';

let github: GitHubStandIn;
let t: TestApp;

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
});
afterAll(async () => {
  await t.close();
  await github.close();
});

let nextId = 1000;
function gitHubUser(email: string, verified = true): GitHubUser {
  nextId += 1;
  return { id: nextId, login: `octo${nextId}`, name: `Octo ${nextId}`, emails: [{ email, primary: true, verified }] };
}

/** Starts sign-in as a browser would and returns the state GitHub would echo back, with the cookie. */
async function startSignIn(path = '/auth/github') {
  const start = await t.app.inject({ url: path });
  expect(start.statusCode).toBe(302);
  const location = new URL(start.headers.location as string);
  const cookie = start.cookies.find((entry) => entry.name === 'spell_oauth_state');
  return { location, state: location.searchParams.get('state') ?? '', cookie: cookie?.value ?? '' };
}

async function callback(path: string, query: Record<string, string>, stateCookie: string) {
  return t.app.inject({
    url: `${path}?${new URLSearchParams(query)}`,
    headers: { accept: 'application/json' },
    cookies: stateCookie ? { spell_oauth_state: stateCookie } : {},
  });
}

describe('auth.github', () => {
  it('redirects to GitHub with client id, redirect URI and a state remembered in an HttpOnly cookie', async () => {
    const { location, state, cookie } = await startSignIn();
    expect(location.origin + location.pathname).toBe(`${github.baseUrl}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(github.clientId);
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost:8080/auth/callback');
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(cookie).not.toBe('');
  });

  it('creates the user and its tenant on first sign-in and signs the same user in again', async () => {
    const person = gitHubUser('octo.first@example.com');
    const first = await startSignIn();
    const created = await callback('/auth/callback', { code: github.issueCode(person), state: first.state }, first.cookie);
    expect(created.statusCode).toBe(200);
    const body = created.json<{ token: string; user: { id: string; tenant_id: string; role: string }; created: boolean }>();
    expect(body).toMatchObject({ created: true, user: { role: 'owner' } });
    const [tenant] = await t.services.db.select().from(tenants).where(eq(tenants.id, body.user.tenant_id));
    expect(tenant?.status).toBe('active');
    const me = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toMatchObject({ user: { email: 'octo.first@example.com' } });

    const again = await startSignIn();
    const second = await callback('/auth/github/callback', { code: github.issueCode(person), state: again.state }, again.cookie);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ created: false, user: { id: body.user.id } });
  });

  it('redirects a browser to the web app with the session cookie set', async () => {
    const { state, cookie } = await startSignIn();
    const response = await t.app.inject({
      url: `/auth/callback?${new URLSearchParams({ code: github.issueCode(gitHubUser('browser@example.com')), state })}`,
      cookies: { spell_oauth_state: cookie },
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const session = response.cookies.find((entry) => entry.name === 'spell_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses a wrong, missing or forged state and creates nobody', async () => {
    const person = gitHubUser('octo.state@example.com');
    const { state, cookie } = await startSignIn();
    const wrong = await callback('/auth/callback', { code: github.issueCode(person), state: `${state}x` }, cookie);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'invalid_oauth_state' });

    const noCookie = await callback('/auth/callback', { code: github.issueCode(person), state }, '');
    expect(noCookie.statusCode).toBe(400);

    // A cookie not signed by the server is not trusted, even when it matches the state.
    const forged = await callback('/auth/callback', { code: github.issueCode(person), state: 'forged' }, 'forged');
    expect(forged.statusCode).toBe(400);

    const rows = await t.services.db.select().from(users).where(eq(users.email, 'octo.state@example.com'));
    expect(rows).toHaveLength(0);
  });

  it('links a GitHub sign-in to an existing account only through a verified email', async () => {
    const existing = await signUp(t.app, { email: 'linked@example.com' });
    const verified = await startSignIn();
    const linked = await callback('/auth/callback', { code: github.issueCode(gitHubUser('linked@example.com')), state: verified.state }, verified.cookie);
    expect(linked.json()).toMatchObject({ created: false, user: { id: existing.user.id } });

    const unverified = await startSignIn();
    const refused = await callback(
      '/auth/callback',
      { code: github.issueCode(gitHubUser('unverified@example.com', false)), state: unverified.state },
      unverified.cookie,
    );
    expect(refused.statusCode).toBe(409);
  });

  it('answers 501 when GitHub sign-in is not configured', async () => {
    const plain = await buildTestApp();
    try {
      const response = await plain.app.inject({ url: '/auth/github' });
      expect(response.statusCode).toBe(501);
      expect(response.json()).toMatchObject({ error: 'not_configured' });
    } finally {
      await plain.close();
    }
  });
});
