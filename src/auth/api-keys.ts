import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { apiKeys } from '../db/schema.js';
import { generateApiKey, hashSecret } from './tokens.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Creates a key for `userId` in `tenantId`; the full key is in the result and nowhere else. */
export async function createApiKey(
  db: DbOrTx,
  options: { tenantId: string; userId: string; name: string; now: Date },
): Promise<{ key: string; row: ApiKeyRow }> {
  const { key, prefix } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      tenantId: options.tenantId,
      userId: options.userId,
      name: options.name,
      prefix,
      keyHash: hashSecret(key),
      createdAt: options.now,
    })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  return { key, row };
}

/** The tenant's live keys, newest first. */
export function listApiKeys(db: DbOrTx, tenantId: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * Revokes the tenant's key with this prefix; it stops authenticating with the next request.
 * Another tenant's prefix is indistinguishable from an unknown one.
 */
export async function revokeApiKey(
  db: DbOrTx,
  options: { tenantId: string; prefix: string; now: Date },
): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: options.now })
    .where(and(eq(apiKeys.tenantId, options.tenantId), eq(apiKeys.prefix, options.prefix), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

/** How stale `last_used_at` may be: uses within this of the recorded one are not written. */
export const KEY_USE_RESOLUTION_MS = 60_000;

/** Whether a use at `now` should be written, given the last one recorded. */
export function isKeyUseStale(lastUsedAt: Date | null | undefined, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= KEY_USE_RESOLUTION_MS;
}

/**
 * Records that a key was used at `now`, at most once per `KEY_USE_RESOLUTION_MS`: the condition
 * makes concurrent requests of the same minute write once.
 */
export async function recordApiKeyUse(db: DbOrTx, options: { id: string; now: Date }): Promise<void> {
  const staleBefore = new Date(options.now.getTime() - KEY_USE_RESOLUTION_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: options.now })
    .where(and(eq(apiKeys.id, options.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}
