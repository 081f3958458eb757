import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app.js';

export interface SignedUp {
  token: string;
  email: string;
  password: string;
  user: { id: string; email: string; tenant_id: string; role: string };
  /** The tenant's handle: its spells are `handle/name`. */
  handle: string;
  headers: { authorization: string };
}

/** Registers a new user (and tenant) through the API and returns its bearer session. */
export async function signUp(app: App, overrides: { email?: string; password?: string } = {}): Promise<SignedUp> {
  const email = overrides.email ?? `user-${randomBytes(5).toString('hex')}@example.com`;
  const password = overrides.password ?? 'correct horse battery staple';
  const response = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password } });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const { token, user, tenant } = response.json<{ token: string; user: SignedUp['user']; tenant: { handle: string } }>();
  return { token, user, handle: tenant.handle, email, password, headers: { authorization: `Bearer ${token}` } };
}

/** Creates an API key for `session` and returns the full key. */
export async function createKey(app: App, session: SignedUp, name = 'test key'): Promise<{ key: string; prefix: string }> {
  const response = await app.inject({ method: 'POST', url: '/v1/keys', headers: session.headers, payload: { name } });
  if (response.statusCode !== 201) throw new Error(`key creation failed: ${response.statusCode} ${response.body}`);
  return response.json<{ key: string; prefix: string }>();
}
