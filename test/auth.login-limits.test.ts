import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { createKey, signUp, type SignedUp } from './helpers/users.js';

const login = (app: App, email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress, headers, payload: { email, password } });

describe('auth.login-limits: anonymous-only routes count per IP', () => {
  let t: TestApp;
  let victim: SignedUp;
  let mallory: SignedUp;
  let headers: { authorization: string };
  beforeAll(async () => {
    t = await buildTestApp({
      env: { RATE_LIMIT_ANON_PER_MINUTE: '3', RATE_LIMIT_USER_PER_MINUTE: '100000', RATE_LIMIT_LICENSE_CLAIM_PER_MINUTE: '2' },
    });
    victim = await signUp(t.app);
    mallory = await signUp(t.app);
    headers = { authorization: `Bearer ${(await createKey(t.app, mallory)).key}` };
  });
  afterAll(() => t.close());

  it("counts guesses at someone else's password against the guesser's IP even when they carry a valid API key", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login(t.app, victim.email, `guess ${i}`, '203.0.113.20', headers)).statusCode);
    // Mallory's own allowance is 100000 a minute; the address's is 3.
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await t.app.inject({ url: '/v1/me', headers, remoteAddress: '203.0.113.20' })).statusCode).toBe(200);
  });

  it('counts license claims against the IP even with an API key attached', async () => {
    const claim = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/v1/public/license/claim', remoteAddress, headers, payload: { license_key: 'SPELL-0000' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await claim('203.0.113.22')).statusCode);
    expect(statuses).toEqual([400, 400, 429]);
    expect((await claim('203.0.113.23')).statusCode).toBe(400);
  });

  it('counts sign-ups against the IP even with a session attached', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        remoteAddress: '203.0.113.21',
        headers: mallory.headers,
        payload: { email: `new-${i}-${Date.now()}@example.com`, password: 'correct horse battery staple' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe('auth.login-limits: failed sign-ins per account', () => {
  let t: TestApp;
  let victim: SignedUp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: { LOGIN_FAILURES_PER_ACCOUNT_IP: '3', LOGIN_FAILURES_PER_ACCOUNT: '6', LOGIN_LOCKOUT_SECONDS: '2' },
    });
    victim = await signUp(t.app);
  });
  afterAll(() => t.close());

  it('refuses an address after its failures against one account, even with the right password, and no one else', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login(t.app, victim.email, 'wrong password', '198.51.100.1')).statusCode).toBe(401);
    const locked = await login(t.app, victim.email.toUpperCase(), victim.password, '198.51.100.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    // The owner, from an address that has not failed, signs in; another account is untouched.
    expect((await login(t.app, victim.email, victim.password, '198.51.100.2')).statusCode).toBe(200);
    const other = await signUp(t.app);
    expect((await login(t.app, other.email, other.password, '198.51.100.1')).statusCode).toBe(200);
  });

  it('gives guessers spread over many addresses one try each, while the owner still gets in', async () => {
    const target = await signUp(t.app);
    for (let i = 0; i < 6; i += 1) expect((await login(t.app, target.email, 'guess', `192.0.2.${i}`)).statusCode).toBe(401);
    // The account has had its six failures: an address that failed is refused at once …
    expect((await login(t.app, target.email, 'guess again', '192.0.2.0')).statusCode).toBe(429);
    // … but a clean one, the owner's, is not.
    expect((await login(t.app, target.email, target.password, '192.0.2.200')).statusCode).toBe(200);
  });

  it('ends the lock-out with its window, so nobody is locked out for good', async () => {
    const target = await signUp(t.app);
    for (let i = 0; i < 3; i += 1) await login(t.app, target.email, 'wrong password', '198.51.100.50');
    expect((await login(t.app, target.email, target.password, '198.51.100.50')).statusCode).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await login(t.app, target.email, target.password, '198.51.100.50')).statusCode).toBe(200);
  });
});
