import type { Services } from '../services.js';
import type { SpellRow } from './registry.js';

/** `owner/name`, as a cast names a spell. */
export function qualifiedName(owner: string, name: string): string {
  return `${owner}/${name}`;
}

/** Until when casts pinned to a version of a deleted spell still run (`SPELL_RETIREMENT_DAYS`). */
export function pinnedUntil(services: Services, spell: SpellRow): Date | null {
  return spell.deletedAt ? new Date(spell.deletedAt.getTime() + services.config.spells.retirementDays * 86_400_000) : null;
}
