import { randomBytes } from 'node:crypto';
import { hashSecret } from '../auth/tokens.js';

/**
 * Crockford's base32: digits and upper-case letters without I, L, O and U, so a key read over
 * the phone or copied from paper has no look-alikes. 32 symbols → 5 bits each.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Four groups, 28 symbols: 140 random bits. */
const GROUPS = [8, 8, 8, 4] as const;

/** A fresh key: `PREFIX-XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXX`. */
export function generateLicenseKey(prefix: string): string {
  const symbols = GROUPS.reduce((sum, size) => sum + size, 0);
  // 256 is a multiple of 32, so `byte & 31` is uniform.
  const bytes = randomBytes(symbols);
  const chars = Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
  const groups: string[] = [];
  let offset = 0;
  for (const size of GROUPS) {
    groups.push(chars.slice(offset, offset + size));
    offset += size;
  }
  return `${prefix}${groups.join('-')}`;
}

/**
 * The canonical form of a key someone typed: upper case, no spaces, Crockford's look-alikes
 * mapped back (O → 0, I and L → 1). Returns `undefined` when it cannot be a key of ours.
 */
export function normalizeLicenseKey(input: string, prefix: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  if (!compact.startsWith(prefix)) return undefined;
  const body = compact
    .slice(prefix.length)
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const groups = body.split('-');
  const wellFormed =
    groups.length === GROUPS.length &&
    groups.every((group, index) => group.length === GROUPS[index] && [...group].every((char) => ALPHABET.includes(char)));
  return wellFormed ? `${prefix}${groups.join('-')}` : undefined;
}

/** What is stored: SHA-256 of the canonical key. */
export function hashLicenseKey(canonicalKey: string): string {
  return hashSecret(canonicalKey);
}

/** The last group, shown in listings so an operator can tell keys apart. */
export function licenseKeyHint(canonicalKey: string): string {
  return canonicalKey.slice(-4);
}
