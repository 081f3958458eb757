import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import type { DbOrTx } from '../db/client.js';
import { spells, tenantHandles, tenants } from '../db/schema.js';

/**
 * A tenant's handle, the owner part of `handle/spell`: lower-case letters, digits and single
 * inner dashes, up to 39 characters (GitHub's logins fit).
 */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;

/** The platform's own handle: the demo spell is `spell/text-stats`. */
export const PLATFORM_HANDLE = 'spell';

/**
 * Handles nobody signs up with: the platform's own, and words that would pass for it or for a
 * part of the site. The migration that gave existing tenants their handles holds the same list.
 */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'spell', 'spells', 'admin', 'administrator', 'api', 'app', 'www', 'root', 'system', 'platform', 'support', 'help',
  'docs', 'static', 'assets', 'me', 'official', 'staff', 'security', 'billing', 'stripe', 'github', 'webhooks',
  'auth', 'v1', 'login', 'logout', 'signup', 'settings', 'null', 'undefined', 'anonymous', 'operator',
]);

const MAX_BASE = 30;

/**
 * How many handles one tenant may hold over its life, its current one included. Old handles stay
 * the tenant's for ever, so without a cap one tenant could change its handle in a loop and take
 * every name it likes from everybody else.
 */
export const MAX_HANDLES_HELD = 5;

/**
 * The handle a name suggests: an email's part before the @, lower-cased, every run of other
 * characters one dash, cut to 30 characters; `user` when nothing is left.
 */
export function handleFrom(name: string): string {
  const local = name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
  const slug = local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  return slug === '' ? 'user' : slug;
}

/** Why a handle cannot be taken, in words for the caller; null when it can be tried. */
export function handleProblem(handle: string): string | null {
  if (!HANDLE_PATTERN.test(handle)) return 'must be 1–39 lower-case letters, digits or inner dashes';
  if (RESERVED_HANDLES.has(handle)) return `${handle} is reserved`;
  return null;
}

/** Claims `handle` for the tenant for ever; false when someone holds (or once held) it. */
async function claim(tx: DbOrTx, tenantId: string, handle: string): Promise<boolean> {
  // A concurrent claim of the same handle waits here for the other transaction, then conflicts.
  const rows = await tx.insert(tenantHandles).values({ handle, tenantId }).onConflictDoNothing().returning({ handle: tenantHandles.handle });
  return rows.length > 0;
}

/**
 * Claims a free handle for a new tenant, derived from `name`: the name's own handle, then with
 * `-2` … `-9`, then with random hex. Run inside the transaction that creates the tenant, so a
 * handle is never held by a tenant that was not created.
 */
export async function claimHandleFor(tx: DbOrTx, tenantId: string, name: string): Promise<string> {
  const base = handleFrom(name);
  const candidates = RESERVED_HANDLES.has(base) ? [] : [base];
  for (let n = 2; n <= 9; n++) candidates.push(`${base}-${n}`);
  for (const candidate of candidates) if (await claim(tx, tenantId, candidate)) return candidate;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (await claim(tx, tenantId, candidate)) return candidate;
  }
}

/** Claims `handle` exactly, for a tenant the platform itself creates; false when it is held. */
export function claimExactHandle(tx: DbOrTx, tenantId: string, handle: string): Promise<boolean> {
  return claim(tx, tenantId, handle);
}

/**
 * Why the tenant's handle can no longer change, in words for its owner (one of its spells has
 * been public); null while it can.
 */
export async function findHandleLock(db: DbOrTx, tenantId: string, handle: string): Promise<string | null> {
  const [published] = await db
    .select({ name: spells.name })
    .from(spells)
    .where(and(eq(spells.tenantId, tenantId), eq(spells.everPublic, true)))
    .orderBy(spells.createdAt)
    .limit(1);
  return published ? `The handle cannot change: ${handle}/${published.name} has been public, and casters address it by that name.` : null;
}

export type HandleChange =
  | { ok: true; handle: string }
  | { ok: false; reason: 'invalid' | 'taken' | 'locked' | 'limit'; message: string };

/**
 * Changes a tenant's handle. Refused once any of its spells has been public (casters' pinned
 * names must keep meaning the same spell), and when another tenant holds or held the handle. The
 * old handle stays the tenant's, so nobody else can take it; the tenant may take it back, and a
 * tenant holds at most `MAX_HANDLES_HELD` handles over its life. With
 * `audit`, a change writes `handle_changed` in the same transaction.
 */
export async function changeHandle(
  db: DbOrTx,
  tenantId: string,
  handle: string,
  audit?: { actor: AuditActor; now: Date },
): Promise<HandleChange> {
  const problem = handleProblem(handle);
  if (problem) return { ok: false, reason: 'invalid', message: `The handle ${problem}.` };
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ handle: tenants.handle }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (!tenant) throw new Error(`tenant ${tenantId} is missing`);
    if (tenant.handle === handle) return { ok: true as const, handle };
    const locked = await findHandleLock(tx, tenantId, tenant.handle);
    if (locked) return { ok: false as const, reason: 'locked' as const, message: locked };
    const [held] = await tx.select({ tenantId: tenantHandles.tenantId }).from(tenantHandles).where(eq(tenantHandles.handle, handle));
    if (held && held.tenantId !== tenantId) return { ok: false as const, reason: 'taken' as const, message: `The handle ${handle} is taken.` };
    if (!held) {
      const [row] = await tx.select({ count: sql<number>`count(*)::int` }).from(tenantHandles).where(eq(tenantHandles.tenantId, tenantId));
      const count = row?.count ?? 0;
      if (count >= MAX_HANDLES_HELD) {
        return {
          ok: false as const,
          reason: 'limit' as const,
          message: `A tenant holds at most ${MAX_HANDLES_HELD} handles over its life, and this one holds ${count}: change back to one of them.`,
        };
      }
    }
    if (!held && !(await claim(tx, tenantId, handle))) return { ok: false as const, reason: 'taken' as const, message: `The handle ${handle} is taken.` };
    await tx.update(tenants).set({ handle }).where(eq(tenants.id, tenantId));
    if (audit) {
      await writeAudit(tx, {
        action: 'handle_changed',
        actor: audit.actor,
        tenantId,
        target: { type: 'tenant', id: tenantId },
        before: { handle: tenant.handle },
        after: { handle },
        at: audit.now,
      });
    }
    return { ok: true as const, handle };
  });
}

/** The tenant holding `handle` now (an old handle of a tenant that changed it names nobody). */
export async function findTenantIdByHandle(db: DbOrTx, handle: string): Promise<string | undefined> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.handle, handle));
  return row?.id;
}

/** Counts, for tests and the admin console: how many handles a tenant has held. */
export async function handlesHeld(db: DbOrTx, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ handle: tenantHandles.handle })
    .from(tenantHandles)
    .where(eq(tenantHandles.tenantId, tenantId))
    .orderBy(sql`${tenantHandles.createdAt}`);
  return rows.map((row) => row.handle);
}
