import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { digestsEqual, hashSecret } from '../auth/tokens.js';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { Database } from '../db/client.js';
import { adminTokens } from '../db/schema.js';

/** Admin tokens are told apart from consumer sessions and keys by their prefix. */
export const ADMIN_TOKEN_PREFIX = 'spa_admin_';

/** The operator behind an admin request. */
export interface AdminIdentity {
  id: string;
  name: string;
  createdAt: Date;
}

/** Creates an admin token (256 random bits, stored as SHA-256) and its audit row; the token is shown once. */
export async function createAdminToken(
  db: Database,
  request: { name: string; now: Date; actor?: AuditActor },
): Promise<{ id: string; token: string }> {
  const token = `${ADMIN_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(adminTokens)
      .values({ name: request.name, tokenHash: hashSecret(token), createdAt: request.now })
      .returning({ id: adminTokens.id });
    if (!row) throw new Error('admin token insert returned nothing');
    await writeAudit(tx, {
      action: 'admin_token_created',
      actor: request.actor ?? { type: 'system', id: 'cli' },
      tenantId: null,
      target: { type: 'admin_token', id: row.id },
      after: { name: request.name },
      at: request.now,
    });
    return { id: row.id, token };
  });
}

/** The operator holding `token`, or `null` for anything else (a consumer's key included). */
export async function verifyAdminToken(db: Database, token: string, now: Date): Promise<AdminIdentity | null> {
  if (!token.startsWith(ADMIN_TOKEN_PREFIX)) return null;
  const hash = hashSecret(token);
  const [row] = await db
    .update(adminTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(adminTokens.tokenHash, hash), isNull(adminTokens.revokedAt)))
    .returning();
  // The lookup is by hash; comparing again in constant time keeps the check honest if it ever changes.
  if (!row || !digestsEqual(row.tokenHash, hash)) return null;
  return { id: row.id, name: row.name, createdAt: row.createdAt };
}

export type AdminTokenRow = typeof adminTokens.$inferSelect;

export function listAdminTokens(db: Database): Promise<AdminTokenRow[]> {
  return db.select().from(adminTokens).orderBy(desc(adminTokens.createdAt));
}

/** Revokes an active admin token, with its audit row; `false` when there is none. */
export async function revokeAdminToken(db: Database, request: { id: string; now: Date; actor: AuditActor }): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(request.id)) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(adminTokens)
      .set({ revokedAt: request.now })
      .where(and(eq(adminTokens.id, request.id), isNull(adminTokens.revokedAt)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, {
      action: 'admin_token_revoked',
      actor: request.actor,
      tenantId: null,
      target: { type: 'admin_token', id: row.id },
      before: { name: row.name, status: 'active' },
      after: { status: 'revoked' },
      at: request.now,
    });
    return true;
  });
}
