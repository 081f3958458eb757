import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session tokens and API keys carry 256 random bits; the kind is readable from the prefix. */
export const SESSION_TOKEN_PREFIX = 'sess_';
export const API_KEY_PREFIX = 'spell_';

export function generateSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * An API key is `spell_<id>_<secret>`; `spell_<id>` is its visible prefix, shown in listings
 * and used to delete it. The id alone identifies nothing: keys are looked up by hash.
 */
export function generateApiKey(): { key: string; prefix: string } {
  const id = randomBytes(6).toString('hex');
  const prefix = `${API_KEY_PREFIX}${id}`;
  return { key: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** SHA-256, hex: secrets are high-entropy, so a fast hash is enough and keeps lookups O(1). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two hex digests without leaking where they differ. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
