import type { AuthContext } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { findVisibleSpell, type SpellRow } from './registry.js';

/**
 * The caller's tenant's spell by name, or the right refusal: unknown/private → 404, someone else's
 * → 403, whose message ends with `deed` (what the caller tried: "change it", "see its stats").
 */
export async function findOwnSpell(
  services: Services,
  auth: AuthContext,
  name: string,
  deed: string = 'change it',
): Promise<SpellRow> {
  const spell = await findVisibleSpell(services.db, name, auth.tenant.id);
  if (!spell) throw new AppError('not_found', `No spell named ${name}.`);
  if (spell.tenantId !== auth.tenant.id) throw new AppError('forbidden', `Only the spell’s creator can ${deed}.`);
  return spell;
}
