/**
 * Text from a spell (its log lines, its error message) as the database can keep it. A spell's
 * words are anyone's bytes: PostgreSQL refuses NUL in `text` and `\u0000` and lone surrogates in
 * `jsonb`, and a cap in bytes must not split a character.
 */

const encoder = new TextEncoder();

/** `text` with NUL and lone surrogates replaced by U+FFFD, so any column takes it. */
export function storable(text: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is what this removes
  return text.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The UTF-8 size of `text`. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` whose UTF-8 fits `bytes`, never splitting a character. */
export function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = encoder.encode(char).byteLength;
    if (used + size > bytes) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}
