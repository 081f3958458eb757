import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { apiKeys, sessions, tenants, users } from '../db/schema.js';
import type { TenantStatus } from '../db/values.js';
import { API_KEY_PREFIX, digestsEqual, generateSessionToken, hashSecret, SESSION_TOKEN_PREFIX } from './tokens.js';

/** Who is calling, resolved once per request from a bearer token, an API key or the cookie. */
export interface AuthContext {
  kind: 'session' | 'api_key';
  /** Cookie-authenticated writes need a CSRF token; bearer ones do not. */
  via: 'bearer' | 'cookie';
  credentialId: string;
  /** An API key's last recorded use (written at most once a minute); absent for sessions. */
  keyLastUsedAt?: Date | null;
  user: { id: string; email: string; displayName: string | null; role: 'owner' | 'member' };
  tenant: { id: string; name: string; handle: string; status: TenantStatus; graceUntil: Date | null };
}

/** Starts a session; the token is returned once and only its hash is stored. */
export async function createSession(
  db: DbOrTx,
  options: { userId: string; now: Date; ttlMs: number },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  const [row] = await db
    .insert(sessions)
    .values({ userId: options.userId, tokenHash: hashSecret(token), createdAt: options.now, expiresAt })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return { token, sessionId: row.id, expiresAt };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

const principal = {
  user: { id: users.id, email: users.email, displayName: users.displayName, role: users.role },
  tenant: { id: tenants.id, name: tenants.name, handle: tenants.handle, status: tenants.status, graceUntil: tenants.graceUntil },
};

/**
 * Resolves a bearer token or cookie value to its caller, or `null` when it is unknown,
 * expired or revoked. Lookups go by SHA-256 (indexed), then compare digests in constant time.
 */
export async function resolveToken(
  db: DbOrTx,
  token: string,
  options: { via: AuthContext['via']; now: Date },
): Promise<AuthContext | null> {
  const digest = hashSecret(token);
  if (token.startsWith(SESSION_TOKEN_PREFIX)) {
    const [row] = await db
      .select({ id: sessions.id, hash: sessions.tokenHash, ...principal })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(sessions.tokenHash, digest), gt(sessions.expiresAt, options.now)));
    if (!row || !digestsEqual(row.hash, digest)) return null;
    return { kind: 'session', via: options.via, credentialId: row.id, user: row.user, tenant: row.tenant };
  }
  if (token.startsWith(API_KEY_PREFIX) && options.via === 'bearer') {
    const [row] = await db
      .select({ id: apiKeys.id, hash: apiKeys.keyHash, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt, ...principal })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
      .where(eq(apiKeys.keyHash, digest));
    if (!row || row.revokedAt !== null || !digestsEqual(row.hash, digest)) return null;
    return { kind: 'api_key', via: 'bearer', credentialId: row.id, keyLastUsedAt: row.lastUsedAt, user: row.user, tenant: row.tenant };
  }
  return null;
}
