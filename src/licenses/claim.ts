import { and, eq } from 'drizzle-orm';
import { createAccount, type TenantRow, type UserRow } from '../auth/accounts.js';
import { writeAudit } from '../audit/audit-log.js';
import { activePlan, grantEntitlement } from '../tenants/entitlements.js';
import type { Database, Transaction } from '../db/client.js';
import { licenseKeys, tenants } from '../db/schema.js';
import { hashLicenseKey } from './keys.js';

export interface LicenseClaim {
  /** The canonical key, or `undefined` when what was sent cannot be a key. */
  key: string | undefined;
  email: string;
  passwordHash: string;
  displayName?: string | undefined;
  /** Defaults to the display name, then the email, as at sign-up. */
  tenantName?: string | undefined;
  now: Date;
}

export type ClaimResult =
  | { ok: true; user: UserRow; tenant: TenantRow; licenseKeyId: string }
  | { ok: false; reason: 'invalid_key' | 'email_taken' };

/** Ends the claim's transaction so that nothing of it, the key's state included, is kept. */
class ClaimRollback extends Error {
  constructor(readonly reason: 'email_taken' | 'invalid_key' | 'already_lifetime') {
    super(reason);
  }
}

/** Takes an unused key (a conditional update: of concurrent claims exactly one gets it). */
async function takeKey(tx: Transaction, key: string, now: Date) {
  const [taken] = await tx
    .update(licenseKeys)
    .set({ status: 'used', claimedAt: now })
    .where(and(eq(licenseKeys.keyHash, hashLicenseKey(key)), eq(licenseKeys.status, 'unused')))
    .returning({ id: licenseKeys.id, memo: licenseKeys.memo, hint: licenseKeys.hint });
  return taken;
}

/** Binds a taken key to its account, grants `LIFETIME` and writes `license_claimed`. */
async function bindKey(
  tx: Transaction,
  taken: { id: string; memo: string | null; hint: string },
  owner: { userId: string; tenantId: string },
  now: Date,
): Promise<void> {
  await tx.update(licenseKeys).set({ claimedTenantId: owner.tenantId, claimedUserId: owner.userId }).where(eq(licenseKeys.id, taken.id));
  const actor = { type: 'user', id: owner.userId } as const;
  await grantEntitlement(tx, { tenantId: owner.tenantId, planCode: 'LIFETIME', source: 'license', sourceRef: taken.id, actor, now });
  await writeAudit(tx, {
    action: 'license_claimed',
    actor,
    tenantId: owner.tenantId,
    target: { type: 'license_key', id: taken.id },
    before: { status: 'unused' },
    after: { status: 'used', tenant_id: owner.tenantId, user_id: owner.userId, memo: taken.memo, hint: taken.hint },
    at: now,
  });
}

/**
 * Claims a license key: marks it `used`, creates an `active` tenant with its owner and a
 * `LIFETIME` entitlement, and writes `license_claimed`, all in one transaction. The key is taken
 * with a conditional update, so of many concurrent claims of one key exactly one wins; an email
 * registered meanwhile rolls everything back and leaves the key unused.
 */
export async function claimLicenseKey(db: Database, claim: LicenseClaim): Promise<ClaimResult> {
  const { key } = claim;
  if (key === undefined) return { ok: false, reason: 'invalid_key' };
  try {
    return await db.transaction(async (tx): Promise<ClaimResult> => {
      const taken = await takeKey(tx, key, claim.now);
      if (!taken) return { ok: false, reason: 'invalid_key' };
      const created = await createAccount(tx, {
        email: claim.email,
        displayName: claim.displayName,
        passwordHash: claim.passwordHash,
        tenantName: claim.tenantName,
      });
      if (!created.ok) throw new ClaimRollback('email_taken');
      const { user, tenant } = created;
      await bindKey(tx, taken, { userId: user.id, tenantId: tenant.id }, claim.now);
      return { ok: true, user, tenant, licenseKeyId: taken.id };
    });
  } catch (error) {
    if (error instanceof ClaimRollback) return { ok: false, reason: 'email_taken' };
    throw error;
  }
}

/**
 * Claims a license key for an existing account: the key is bound to the account's tenant, which
 * gets `LIFETIME`. The key is taken first and the claim rolled back when the password was wrong
 * (`passwordMatches`) or the tenant already holds a lifetime plan, so a wrong password costs the
 * same work as a right one and answers like a bad key, and `already_lifetime` (a 409) needs both a
 * valid key and the right password.
 */
export async function claimLicenseKeyForAccount(
  db: Database,
  claim: { key: string | undefined; user: UserRow; passwordMatches: boolean; now: Date },
): Promise<ClaimResult | { ok: false; reason: 'already_lifetime' }> {
  const { key, user, now } = claim;
  if (key === undefined) return { ok: false, reason: 'invalid_key' };
  try {
    return await db.transaction(async (tx) => {
      const taken = await takeKey(tx, key, now);
      if (!taken || !claim.passwordMatches) throw new ClaimRollback('invalid_key');
      // Locked so that two keys claimed for one tenant at once grant LIFETIME once.
      const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user.tenantId)).for('no key update');
      if (!tenant) throw new ClaimRollback('invalid_key');
      if ((await activePlan(tx, tenant.id, now)) === 'LIFETIME') throw new ClaimRollback('already_lifetime');
      await bindKey(tx, taken, { userId: user.id, tenantId: tenant.id }, now);
      return { ok: true, user, tenant, licenseKeyId: taken.id } as const;
    });
  } catch (error) {
    if (error instanceof ClaimRollback) return { ok: false, reason: error.reason };
    throw error;
  }
}
