import { and, asc, eq, lte } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tenants } from '../db/schema.js';
import { changeTenantStatus } from '../tenants/status.js';
import type { JobContext, JobReport } from './types.js';

/**
 * `grace → suspended` for every tenant whose grace period has passed, with a `tenant_suspended`
 * audit row each. One transaction per tenant, each re-checking the tenant under a row lock: a run
 * that stops midway has suspended some and left the rest for the next run, and a payment that
 * lands meanwhile wins.
 */
export async function expireGracePeriods(db: Database, context: JobContext): Promise<JobReport> {
  const now = context.now;
  const due = await db
    .select({ id: tenants.id, name: tenants.name, graceUntil: tenants.graceUntil })
    .from(tenants)
    .where(and(eq(tenants.status, 'grace'), lte(tenants.graceUntil, now)))
    .orderBy(asc(tenants.graceUntil));
  const describe = (tenant: (typeof due)[number]) =>
    `tenant ${tenant.id} (${tenant.name}): grace ended ${tenant.graceUntil?.toISOString() ?? '?'}`;
  if (context.dryRun) {
    return {
      job: 'grace-expiry',
      dryRun: true,
      changed: 0,
      wouldChange: due.length,
      lines: due.map((tenant) => `would suspend ${describe(tenant)}`),
    };
  }
  const lines: string[] = [];
  for (const candidate of due) {
    const suspended = await db.transaction(async (tx) => {
      const [tenant] = await tx
        .select()
        .from(tenants)
        .where(and(eq(tenants.id, candidate.id), eq(tenants.status, 'grace'), lte(tenants.graceUntil, now)))
        .for('update', { skipLocked: true });
      if (!tenant) return false;
      await changeTenantStatus(tx, {
        tenant,
        status: 'suspended',
        reason: 'grace period ended',
        action: 'tenant_suspended',
        actor: { type: 'system', id: 'grace-expiry' },
        now,
      });
      return true;
    });
    if (suspended) lines.push(`suspended ${describe(candidate)}`);
  }
  return { job: 'grace-expiry', dryRun: false, changed: lines.length, wouldChange: 0, lines };
}
