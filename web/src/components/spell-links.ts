/** Where the web app shows a spell, by its `owner/name`. */
export const spellPath = (spell: { owner: string; name: string }) => `/spells/${encodeURIComponent(spell.owner)}/${encodeURIComponent(spell.name)}`;

/** The playground with `fullName` (`owner/name`, optionally `@version`) chosen. */
export const playgroundPath = (fullName: string) => `/playground?spell=${encodeURIComponent(fullName)}`;

/** The catalog filtered on one field (`owner` or `tag`), keeping the rest of `current`. */
export function catalogPath(current: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const query = next.toString();
  return query ? `/spells?${query}` : '/spells';
}
