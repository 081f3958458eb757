import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Signs up and returns the cookies a browser would hold. */
async function browserSession() {
  const session = await signUp(t.app);
  return { session, cookies: { spell_session: session.token } };
}

describe('auth.csrf', () => {
  it('reads with the session cookie but refuses a cookie write without a CSRF token', async () => {
    const { cookies } = await browserSession();
    expect((await t.app.inject({ url: '/v1/keys', cookies })).statusCode).toBe(200);

    const refused = await t.app.inject({ method: 'POST', url: '/v1/keys', cookies, payload: { name: 'web' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'csrf_invalid' });

    const forged = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      cookies,
      headers: { 'x-csrf-token': 'forged' },
      payload: { name: 'web' },
    });
    expect(forged.statusCode).toBe(403);
  });

  it('accepts a cookie write with the token from /v1/auth/csrf, bound to that session', async () => {
    const { cookies } = await browserSession();
    const issued = await t.app.inject({ url: '/v1/auth/csrf', cookies });
    const secret = issued.cookies.find((cookie) => cookie.name === 'spell_csrf');
    const token = issued.json<{ csrf_token: string }>().csrf_token;
    const withSecret = { ...cookies, spell_csrf: secret?.value ?? '' };

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      cookies: withSecret,
      headers: { 'x-csrf-token': token },
      payload: { name: 'web' },
    });
    expect(accepted.statusCode).toBe(201);

    // The same token does not work for another user's session (no cookie tossing).
    const other = await browserSession();
    const tossed = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      cookies: { ...other.cookies, spell_csrf: secret?.value ?? '' },
      headers: { 'x-csrf-token': token },
      payload: { name: 'web' },
    });
    expect(tossed.statusCode).toBe(403);
  });

  it('does not ask bearer-token clients for a CSRF token', async () => {
    const { session } = await browserSession();
    const response = await t.app.inject({ method: 'POST', url: '/v1/keys', headers: session.headers, payload: { name: 'cli' } });
    expect(response.statusCode).toBe(201);
  });

  it('sets the session cookie HttpOnly and SameSite, and Secure in production', async () => {
    const register = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email: 'cookie@example.com', password: 'long enough password' },
    });
    const cookie = register.cookies.find((entry) => entry.name === 'spell_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const production = await buildTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const response = await production.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: { email: 'prod@example.com', password: 'long enough password' },
      });
      expect(response.cookies.find((entry) => entry.name === 'spell_session')).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await production.close();
    }
  });
});
