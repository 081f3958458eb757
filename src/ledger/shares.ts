/**
 * How a price is split: the creator's share is rounded down to the cent and the platform keeps the
 * rest, so the two always sum to the price and no rounding ever pays out a cent that was not paid in.
 */
export function splitPrice(priceCents: number, sharePercent: number): { creatorCents: number; platformCents: number } {
  if (!Number.isSafeInteger(priceCents) || priceCents < 0) throw new Error(`a price is whole, non-negative cents: ${priceCents}`);
  if (!Number.isInteger(sharePercent) || sharePercent < 0 || sharePercent > 100) throw new Error(`a share is a whole percent from 0 to 100: ${sharePercent}`);
  const creatorCents = Math.floor((priceCents * sharePercent) / 100);
  return { creatorCents, platformCents: priceCents - creatorCents };
}

/**
 * `total` divided over `weights` in proportion, in whole cents that sum to exactly `total`: each part
 * rounded down, then the cents left over go to the largest remainders (ties: the earlier weight).
 */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map((value) => Math.floor(value));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
