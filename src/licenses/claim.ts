import { and, eq } from 'drizzle-orm';
import { createAccount, type TenantRow, type UserRow } from '../auth/accounts.js';
import { writeAudit } from '../billing/audit.js';
import { grantEntitlement } from '../billing/entitlements.js';
import type { Database } from '../db/client.js';
import { licenseKeys } from '../db/schema.js';
import { hashLicenseKey } from './keys.js';

export interface LicenseClaim {
  /** The canonical key, or `undefined` when what was sent cannot be a key. */
  key: string | undefined;
  email: string;
  passwordHash: string;
  displayName: string;
  tenantName: string;
  now: Date;
}

export type ClaimResult =
  | { ok: true; user: UserRow; tenant: TenantRow; licenseKeyId: string }
  | { ok: false; reason: 'invalid_key' | 'email_taken' };

/** Ends the claim's transaction so that nothing of it, the key's state included, is kept. */
class ClaimRollback extends Error {
  constructor(readonly reason: 'email_taken') {
    super(reason);
  }
}

/**
 * Claims a license key: marks it `used`, creates an `active` tenant with its owner and a
 * `LIFETIME` entitlement, and writes `license_claimed`, all in one transaction. The key is taken
 * with a conditional update, so of many concurrent claims of one key exactly one wins; an email
 * already registered rolls everything back and leaves the key unused.
 */
export async function claimLicenseKey(db: Database, claim: LicenseClaim): Promise<ClaimResult> {
  const { key } = claim;
  if (key === undefined) return { ok: false, reason: 'invalid_key' };
  try {
    return await db.transaction(async (tx): Promise<ClaimResult> => {
      const [taken] = await tx
        .update(licenseKeys)
        .set({ status: 'used', claimedAt: claim.now })
        .where(and(eq(licenseKeys.keyHash, hashLicenseKey(key)), eq(licenseKeys.status, 'unused')))
        .returning({ id: licenseKeys.id, memo: licenseKeys.memo, hint: licenseKeys.hint });
      if (!taken) return { ok: false, reason: 'invalid_key' };

      const created = await createAccount(tx, {
        email: claim.email,
        displayName: claim.displayName,
        passwordHash: claim.passwordHash,
        tenantName: claim.tenantName,
      });
      if (!created.ok) throw new ClaimRollback('email_taken');
      const { user, tenant } = created;

      await tx
        .update(licenseKeys)
        .set({ claimedTenantId: tenant.id, claimedUserId: user.id })
        .where(eq(licenseKeys.id, taken.id));
      const actor = { type: 'user', id: user.id } as const;
      await grantEntitlement(tx, {
        tenantId: tenant.id,
        planCode: 'LIFETIME',
        source: 'license',
        sourceRef: taken.id,
        actor,
        now: claim.now,
      });
      await writeAudit(tx, {
        action: 'license_claimed',
        actor,
        tenantId: tenant.id,
        target: { type: 'license_key', id: taken.id },
        before: { status: 'unused' },
        after: { status: 'used', tenant_id: tenant.id, user_id: user.id, memo: taken.memo, hint: taken.hint },
        at: claim.now,
      });
      return { ok: true, user, tenant, licenseKeyId: taken.id };
    });
  } catch (error) {
    if (error instanceof ClaimRollback) return { ok: false, reason: error.reason };
    throw error;
  }
}
