import { api } from '../api/client';
import type { Usage } from '../api/types';
import type { UsagePoint } from '../components/usage-chart';

/**
 * The period's cumulative spending for the chart, from the server's per-tenant series (every
 * member's casts, bucketed by hour or day; each step drawn at its bucket's last cast). The last
 * point is the server's running total when the two differ, e.g. a cast that finished in between.
 */
export async function loadUsagePoints(usage: Usage, now: number): Promise<UsagePoint[]> {
  const series = await api.usageSeries();
  const points: UsagePoint[] = [];
  let total = 0;
  for (const bucket of series.points) {
    if (bucket.cents === 0) continue;
    total += bucket.cents;
    points.push({ at: Date.parse(bucket.last_cast_at), cents: total });
  }
  if (total !== usage.used_cents) points.push({ at: now, cents: usage.used_cents });
  return points;
}
