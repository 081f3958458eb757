import argon2 from 'argon2';
import { z } from 'zod';

/**
 * A new password, wherever one is set. NIST 800-63B: at least 8 characters, long passphrases
 * welcome (the cap bounds Argon2's input), and not only whitespace.
 */
export const newPasswordSchema = z
  .string()
  .min(8, { error: 'must be at least 8 characters' })
  .max(256)
  .refine((value) => value.trim() !== '', { error: 'must not be only whitespace' });

/** OWASP's Argon2id floor: 19 MiB of memory, two passes, one lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the account does not exist keeps a missing email and a wrong
// password indistinguishable by timing.
const decoyHash = hashPassword('decoy password that matches nothing');

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  try {
    if (!hash) {
      await argon2.verify(await decoyHash, password);
      return false;
    }
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
