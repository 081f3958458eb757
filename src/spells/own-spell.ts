import type { AuthContext } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { findOwnedSpell, type SpellRow } from './registry.js';

/**
 * The caller's tenant's spell by its bare name (a bare name is always the caller's own), or the
 * right refusal: none → 404 (another tenant's spell of that name is not looked at), deleted →
 * `410 spell_retired` unless `deleted` allows it (reading it).
 */
export async function findOwnSpell(
  services: Services,
  auth: AuthContext,
  name: string,
  options: { deleted?: 'allow' | 'refuse' } = {},
): Promise<SpellRow> {
  const spell = await findOwnedSpell(services.db, auth.tenant.id, name);
  const full = `${auth.tenant.handle}/${name}`;
  if (!spell) throw new AppError('not_found', `You have no spell named ${name} (${full}).`);
  if (spell.deletedAt && options.deleted !== 'allow') {
    throw new AppError('spell_retired', `${full} was deleted; a deleted spell cannot change, and its name is not reused.`, {
      spell: full,
      retired_at: spell.deletedAt.toISOString(),
    });
  }
  return spell;
}
