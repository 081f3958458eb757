import { randomUUID } from 'node:crypto';
import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { Database, DbOrTx } from '../db/client.js';
import { after, containing, newestFirst, type Position } from '../db/paging.js';
import { licenseKeys, tenants, users } from '../db/schema.js';
import { generateLicenseKey, hashLicenseKey, licenseKeyHint } from './keys.js';

export type LicenseKeyRow = typeof licenseKeys.$inferSelect;
export type LicenseKeyStatus = LicenseKeyRow['status'];

export interface IssuedBatch {
  batchId: string;
  memo: string;
  createdAt: Date;
  /** The keys in clear: this is the only time they exist outside the buyer's hands. */
  keys: { id: string; key: string }[];
}

/** Generates `count` keys in one batch and its `license_generated` audit row, in one transaction. */
export async function issueLicenseKeys(
  db: Database,
  request: { count: number; memo: string; prefix: string; actor: AuditActor; now: Date },
): Promise<IssuedBatch> {
  const batchId = randomUUID();
  const keys = Array.from({ length: request.count }, () => generateLicenseKey(request.prefix));
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(licenseKeys)
      .values(
        keys.map((key) => ({
          keyHash: hashLicenseKey(key),
          hint: licenseKeyHint(key),
          batchId,
          memo: request.memo,
          createdBy: request.actor.id ?? null,
          createdAt: request.now,
        })),
      )
      .returning({ id: licenseKeys.id, keyHash: licenseKeys.keyHash });
    const idByHash = new Map(rows.map((row) => [row.keyHash, row.id]));
    await writeAudit(tx, {
      action: 'license_generated',
      actor: request.actor,
      tenantId: null,
      target: { type: 'license_batch', id: batchId },
      after: { count: request.count, memo: request.memo },
      at: request.now,
    });
    return {
      batchId,
      memo: request.memo,
      createdAt: request.now,
      keys: keys.map((key) => ({ id: idByHash.get(hashLicenseKey(key)) ?? '', key })),
    };
  });
}

export interface LicenseKeyEntry {
  key: LicenseKeyRow;
  claimedBy: { tenantId: string; tenantName: string; email: string | null } | null;
}

export interface LicenseKeyFilter {
  status?: LicenseKeyStatus | undefined;
  /** Matches the memo or the key's hint. */
  q?: string | undefined;
  batchId?: string | undefined;
  before?: Position | undefined;
  limit: number;
}

/** Keys newest first, with who claimed them. */
export async function listLicenseKeys(db: DbOrTx, filter: LicenseKeyFilter): Promise<LicenseKeyEntry[]> {
  const pattern = filter.q ? containing(filter.q) : undefined;
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(licenseKeys.status, filter.status) : undefined,
    filter.batchId ? eq(licenseKeys.batchId, filter.batchId) : undefined,
    pattern ? or(ilike(licenseKeys.memo, pattern), ilike(licenseKeys.hint, pattern)) : undefined,
    after(licenseKeys.createdAt, licenseKeys.id, filter.before),
  ];
  const rows = await db
    .select({ key: licenseKeys, tenantName: tenants.name, email: users.email })
    .from(licenseKeys)
    .leftJoin(tenants, eq(tenants.id, licenseKeys.claimedTenantId))
    .leftJoin(users, eq(users.id, licenseKeys.claimedUserId))
    .where(and(...conditions))
    .orderBy(...newestFirst(licenseKeys.createdAt, licenseKeys.id))
    .limit(filter.limit);
  return rows.map((row) => ({
    key: row.key,
    claimedBy:
      row.key.claimedTenantId && row.tenantName !== null
        ? { tenantId: row.key.claimedTenantId, tenantName: row.tenantName, email: row.email }
        : null,
  }));
}

export type RevokeResult = { ok: true; key: LicenseKeyRow } | { ok: false; reason: 'not_found' | 'used' | 'revoked' };

/** Revokes an unused key, with its `license_revoked` audit row. A used key stays bound to its tenant. */
export async function revokeLicenseKey(
  db: Database,
  request: { id: string; actor: AuditActor; now: Date },
): Promise<RevokeResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(licenseKeys).where(eq(licenseKeys.id, request.id)).for('update');
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status !== 'unused') return { ok: false, reason: current.status };
    const [key] = await tx
      .update(licenseKeys)
      .set({ status: 'revoked', revokedAt: request.now })
      .where(eq(licenseKeys.id, request.id))
      .returning();
    if (!key) throw new Error('license key update returned nothing');
    await writeAudit(tx, {
      action: 'license_revoked',
      actor: request.actor,
      tenantId: null,
      target: { type: 'license_key', id: key.id },
      before: { status: 'unused' },
      after: { status: 'revoked', memo: key.memo, hint: key.hint },
      at: request.now,
    });
    return { ok: true, key };
  });
}
