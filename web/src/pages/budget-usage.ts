import { api } from '../api/client';
import type { Cast, Usage } from '../api/types';
import type { UsagePoint } from '../components/usage-chart';

const MAX_PAGES = 10;

/**
 * The period's spending over time from the cast history (newest first, so paging stops at the
 * period's start). The last point is the server's own total, which also counts the tenant's other
 * members and casts beyond the pages read.
 */
export async function loadUsagePoints(usage: Usage, now: number): Promise<UsagePoint[]> {
  const start = Date.parse(usage.period_start);
  const inPeriod: Cast[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { casts, next_cursor } = await api.listCasts(cursor, 200);
    inPeriod.push(...casts.filter((cast) => Date.parse(cast.created_at) >= start));
    const oldest = casts.at(-1);
    if (!next_cursor || !oldest || Date.parse(oldest.created_at) < start) break;
    cursor = next_cursor;
  }
  const points: UsagePoint[] = [];
  let total = 0;
  for (const cast of inPeriod.reverse()) {
    if (!cast.cost_cents) continue;
    total += cast.cost_cents;
    points.push({ at: Date.parse(cast.created_at), cents: total });
  }
  if (total !== usage.used_cents) points.push({ at: now, cents: usage.used_cents });
  return points;
}
