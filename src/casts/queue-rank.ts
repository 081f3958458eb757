import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { casts } from '../db/schema.js';

/** BullMQ's largest priority; a line longer than this keeps its order only up to here. */
export const MAX_QUEUE_RANK = 2_097_151;

/**
 * The per-tenant dispatcher, as a number: the queue serves the lowest rank first (first come
 * first served within a rank), so ranks make it serve tenants round-robin. A tenant's next cast
 * goes one past its own last queued cast; a tenant with none queued joins the round now being
 * served (the lowest queued rank). One tenant's thousand queued casts therefore hold ranks
 * r…r+999 while another's single cast gets r: it runs second, not thousand-and-first. Concurrent
 * casts of one tenant may share a rank, which only makes them first come first served.
 */
export async function nextQueueRank(tx: DbOrTx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({
      own: sql<number | null>`max(${casts.queueRank}) filter (where ${casts.tenantId} = ${tenantId})`,
      round: sql<number | null>`min(${casts.queueRank})`,
    })
    .from(casts)
    .where(eq(casts.status, 'queued'));
  const own = row?.own ?? null;
  const round = row?.round ?? null;
  const rank = own !== null ? Number(own) + 1 : round !== null ? Number(round) : 1;
  return Math.min(rank, MAX_QUEUE_RANK);
}
