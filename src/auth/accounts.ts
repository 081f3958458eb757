import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { tenants, users } from '../db/schema.js';
import { claimHandleFor } from '../tenants/handles.js';

export type UserRow = typeof users.$inferSelect;
export type TenantRow = typeof tenants.$inferSelect;

export interface NewAccount {
  email: string;
  displayName?: string | undefined;
  passwordHash?: string;
  github?: { id: number; login: string };
  tenantName?: string | undefined;
}

/** Emails compare case-insensitively; we store them lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a tenant, its handle (derived from its name) and its owner in one transaction. Returns
 * `email_taken` instead of throwing when the address is already registered (also when a
 * concurrent request just took it).
 */
export async function createAccount(
  db: DbOrTx,
  account: NewAccount,
): Promise<{ ok: true; user: UserRow; tenant: TenantRow } | { ok: false; reason: 'email_taken' }> {
  const email = normalizeEmail(account.email);
  try {
    return await db.transaction(async (tx) => {
      const id = randomUUID();
      const name = account.tenantName ?? account.displayName ?? email;
      const handle = await claimHandleFor(tx, id, account.github?.login ?? name);
      const [tenant] = await tx.insert(tenants).values({ id, name, handle }).returning();
      if (!tenant) throw new Error('tenant insert returned nothing');
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          role: 'owner',
          email,
          displayName: account.displayName ?? null,
          passwordHash: account.passwordHash ?? null,
          githubId: account.github?.id ?? null,
          githubLogin: account.github?.login ?? null,
        })
        .returning();
      if (!user) throw new Error('user insert returned nothing');
      return { ok: true as const, user, tenant };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) return { ok: false, reason: 'email_taken' };
    throw error;
  }
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return user;
}
