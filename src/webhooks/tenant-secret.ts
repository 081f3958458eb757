import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { tenantWebhookSecrets } from '../db/schema.js';
import { PREVIOUS_SECRET_TTL_MS } from './endpoints.js';
import { newSigningSecret } from './signing.js';

/**
 * The one signing secret of a tenant's per-cast `webhook_url` deliveries. Its owner makes it and
 * sees it once; making it again rotates it the way an endpoint's secret rotates: the old one keeps
 * signing (a second `v1=`) for 24 hours.
 */

export type TenantSecretRow = typeof tenantWebhookSecrets.$inferSelect;

/** The secrets a delivery made at `at` is signed with: the current one first, then one a rotation replaced, if still signing. */
export function signingSecrets(row: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, at: Date): string[] {
  const secrets = [row.secret];
  if (row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > at) secrets.push(row.previousSecret);
  return secrets;
}

export async function findTenantSecret(db: DbOrTx, tenantId: string): Promise<TenantSecretRow | undefined> {
  const [row] = await db.select().from(tenantWebhookSecrets).where(eq(tenantWebhookSecrets.tenantId, tenantId));
  return row;
}

/**
 * Makes the tenant's secret, or rotates the one it has (one statement, so two owners clicking at
 * once rotate twice rather than fail); returns the row with the new secret, to show once.
 */
export async function makeTenantSecret(db: DbOrTx, tenantId: string, now: Date): Promise<TenantSecretRow> {
  const [row] = await db
    .insert(tenantWebhookSecrets)
    .values({ tenantId, secret: newSigningSecret(), createdAt: now })
    .onConflictDoUpdate({
      target: tenantWebhookSecrets.tenantId,
      set: {
        previousSecret: sql`${tenantWebhookSecrets.secret}`,
        secret: sql`excluded.secret`,
        previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_TTL_MS),
        rotatedAt: now,
      },
    })
    .returning();
  if (!row) throw new Error('tenant webhook secret upsert returned nothing');
  return row;
}
