import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { users } from '../db/schema.js';
import { createAccount, findUserByEmail, type UserRow } from './accounts.js';
import type { GitHubIdentity } from './github.js';

export type GitHubSignIn = { ok: true; user: UserRow; created: boolean } | { ok: false; reason: 'no_verified_email' | 'email_taken' };

/**
 * Finds the user for a GitHub identity: by GitHub id, else by its verified email (linking the
 * account), else creates the user and its tenant. An unverified email is never trusted.
 */
export async function signInWithGitHub(db: DbOrTx, identity: GitHubIdentity): Promise<GitHubSignIn> {
  const [known] = await db.select().from(users).where(eq(users.githubId, identity.id));
  if (known) return { ok: true, user: known, created: false };
  if (identity.verifiedEmail === null) return { ok: false, reason: 'no_verified_email' };

  const byEmail = await findUserByEmail(db, identity.verifiedEmail);
  if (byEmail) {
    if (byEmail.githubId !== null) return { ok: false, reason: 'email_taken' };
    const [linked] = await db
      .update(users)
      .set({ githubId: identity.id, githubLogin: identity.login })
      .where(eq(users.id, byEmail.id))
      .returning();
    return linked ? { ok: true, user: linked, created: false } : { ok: false, reason: 'email_taken' };
  }
  const created = await createAccount(db, {
    email: identity.verifiedEmail,
    displayName: identity.name ?? identity.login,
    github: { id: identity.id, login: identity.login },
  });
  return created.ok ? { ok: true, user: created.user, created: true } : { ok: false, reason: 'email_taken' };
}
