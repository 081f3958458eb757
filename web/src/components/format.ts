/** Cents as money: 1234 → "$12.34". */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return `$${(cents / 100).toFixed(2)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Dollars typed in a form → whole cents, or null when it is not a non-negative amount. */
export function parseDollars(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

/** A spell's price as the catalog says it: its own price, or the server's default cost. */
export function formatPrice(cents: number | null): string {
  if (cents === null) return 'default price';
  return cents === 0 ? 'free' : `${formatCents(cents)} per cast`;
}

/** The share of a spell's finished casts that succeeded, 0–1, as a percentage; null before any finished. */
export function formatSuccessRate(rate: number | null): string {
  if (rate === null) return 'no finished casts yet';
  return `${Math.round(rate * 1000) / 10}% succeeded`;
}
