/** A shell word in single quotes: any `'` inside closes, escapes and reopens them. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A `curl` that casts `fullName` on this server with an API key in `$SPELL_API_KEY`. */
export function castCurl(origin: string, fullName: string, input: unknown): string {
  const body = JSON.stringify({ spell: fullName, input });
  return [
    `curl -s ${origin}/v1/cast \\`,
    `  -H "authorization: Bearer $SPELL_API_KEY" \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d ${quote(body)}`,
  ].join('\n');
}
