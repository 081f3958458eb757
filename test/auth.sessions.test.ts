import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { signUp } from './helpers/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('auth.sessions', () => {
  it('registers, signs in, reads the session and signs out', async () => {
    const session = await signUp(t.app, { email: 'Ada@Example.com' });
    expect(session.user.email).toBe('ada@example.com');
    expect(session.user.role).toBe('owner');

    const me = await t.app.inject({ url: '/v1/auth/session', headers: session.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'session', user: { email: 'ada@example.com' }, tenant: { status: 'active' } });

    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'ADA@example.com', password: session.password },
    });
    expect(login.statusCode).toBe(200);
    const { token } = login.json<{ token: string }>();
    expect(token).not.toBe(session.token);

    const logout = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthorized' });
    // The other session is untouched.
    expect((await t.app.inject({ url: '/v1/me', headers: session.headers })).statusCode).toBe(200);
  });

  it('gives a fresh session on every login', async () => {
    const session = await signUp(t.app);
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: session.email, password: session.password } });
      tokens.add(login.json<{ token: string }>().token);
    }
    expect(tokens.size).toBe(3);
    const rows = await t.services.db.select().from(sessions).where(eq(sessions.userId, session.user.id));
    expect(rows).toHaveLength(4);
  });

  it('stores Argon2id hashes at or above the OWASP floor and only hashes of tokens', async () => {
    const session = await signUp(t.app);
    const [user] = await t.services.db.select().from(users).where(eq(users.id, session.user.id));
    const hash = user?.passwordHash ?? '';
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(Number(/[$,]m=(\d+)/.exec(hash)?.[1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(/[$,]t=(\d+)/.exec(hash)?.[1])).toBeGreaterThanOrEqual(2);
    const stored = await t.services.db.select().from(sessions).where(eq(sessions.userId, session.user.id));
    expect(stored.map((row) => row.tokenHash)).not.toContain(session.token);
    expect(stored[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const session = await signUp(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: session.email, password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@example.com', password: 'whatever123' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('refuses a taken email and invalid input in the error shape', async () => {
    const session = await signUp(t.app);
    const taken = await t.app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: session.email.toUpperCase(), password: 'another password' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'conflict', field: 'email' });

    const invalid = await t.app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'not-an-email', password: 'short' } });
    expect(invalid.statusCode).toBe(400);
    const body = invalid.json<{ error: string; issues: { path: string }[] }>();
    expect(body.error).toBe('validation_failed');
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['/email', '/password']);
  });

  it('refuses a password that is only whitespace, at sign-up and at a license claim', async () => {
    for (const password of ['        ', '\t\n  \t\n  ', '\u00a0'.repeat(10)]) {
      const register = await t.app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'blank@example.com', password } });
      expect(register.statusCode, JSON.stringify(password)).toBe(400);
      expect(register.json()).toMatchObject({ error: 'validation_failed', issues: [{ path: '/password' }] });
    }
    const claim = await t.app.inject({
      method: 'POST',
      url: '/v1/public/license/claim',
      payload: { email: 'blank@example.com', password: '        ', license_key: 'SPELL-0000' },
    });
    expect(claim.statusCode).toBe(400);
    expect(claim.json()).toMatchObject({
      error: 'validation_failed',
      issues: expect.arrayContaining([expect.objectContaining({ path: '/password' })]),
    });
    const spaced = await t.app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'spaced@example.com', password: ' a passphrase ' } });
    expect(spaced.statusCode).toBe(201);
  });

  it('expires sessions after their lifetime', async () => {
    const { createManualClock } = await import('../src/lib/clock.js');
    const clock = createManualClock(new Date('2026-01-01T00:00:00Z'));
    const timed = await buildTestApp({ clock, env: { SESSION_TTL_HOURS: '1' } });
    try {
      const session = await signUp(timed.app);
      expect((await timed.app.inject({ url: '/v1/me', headers: session.headers })).statusCode).toBe(200);
      clock.advance(61 * 60_000);
      expect((await timed.app.inject({ url: '/v1/me', headers: session.headers })).statusCode).toBe(401);
    } finally {
      await timed.close();
    }
  });

  it('answers /v1/me with user, tenant, role, plan and status', async () => {
    const session = await signUp(t.app);
    const me = await t.app.inject({ url: '/v1/me', headers: session.headers });
    expect(me.json()).toMatchObject({
      user: { id: session.user.id },
      tenant: { id: session.user.tenant_id, status: 'active' },
      role: 'owner',
      plan: 'FREE',
      status: 'active',
      grace_until: null,
    });
  });
});
