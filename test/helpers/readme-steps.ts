/**
 * Reads the README's walk-through the way a newcomer follows it: the `curl` commands of its ```sh
 * blocks in order, the `# →` lines that show their answers, and the `NAME=…` lines that set a
 * variable from the answer before (`TOKEN=sess_…   # the "token" above`).
 */

/** A curl to run, a variable to set from what came before, in README order. */
export type ReadmeStep =
  | { kind: 'curl'; section: string; command: string; expected: Expected | undefined }
  | { kind: 'set'; section: string; name: string; placeholder: string; field: string | undefined };

/** What a `# →` line shows: a JSON-like answer with `…` for what varies, or a bare status. */
export type Expected = { kind: 'json'; pattern: Pattern; text: string } | { kind: 'status'; status: number; text: string };

export type Pattern =
  | { type: 'any' }
  | { type: 'object'; keys: Map<string, Pattern> }
  | { type: 'array'; items: Pattern[]; open: boolean }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'literal'; value: boolean | null };

const ELLIPSIS = '…';

/** Whether a shell command is complete: no trailing backslash, no single quote left open. */
function isComplete(command: string): boolean {
  return !command.endsWith('\\') && (command.match(/'/g) ?? []).length % 2 === 0;
}

export function parseReadmeSteps(markdown: string, sections: readonly string[]): ReadmeStep[] {
  const steps: ReadmeStep[] = [];
  let section = '';
  let inBlock = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (!inBlock && line.startsWith('## ')) section = line.slice(3).trim();
    if (line.startsWith('```')) {
      inBlock = !inBlock && line.trim() === '```sh' && sections.includes(section);
      continue;
    }
    if (!inBlock) continue;
    if (line.startsWith('curl ')) {
      let command = line;
      while (!isComplete(command) && i + 1 < lines.length) command += `\n${lines[(i += 1)]}`;
      let expected: string | undefined;
      while ((lines[i + 1] ?? '').startsWith('# →') || (expected !== undefined && /^#\s{2,}\S/.test(lines[i + 1] ?? ''))) {
        const next = (lines[(i += 1)] ?? '').replace(/^# →|^#/, '').trim();
        expected = expected === undefined ? next : `${expected}${next}`;
      }
      steps.push({ kind: 'curl', section, command, expected: expected === undefined ? undefined : parseExpected(expected) });
      continue;
    }
    const assignment = /^([A-Z][A-Z0-9_]*)=(\S+)\s*(?:#(.*))?$/.exec(line);
    if (assignment) {
      const [, name = '', placeholder = '', comment = ''] = assignment;
      steps.push({ kind: 'set', section, name, placeholder, field: /"(\w+)"/.exec(comment)?.[1] });
    }
  }
  return steps;
}

export function parseExpected(text: string): Expected {
  if (text.startsWith('{') || text.startsWith('[')) return { kind: 'json', pattern: parsePattern(text), text };
  const status = /^(\d{3})\b/.exec(text);
  if (!status) throw new Error(`a "# →" line shows neither JSON nor a status: ${text}`);
  return { kind: 'status', status: Number(status[1]), text };
}

/** Parses JSON where `…` may stand for any value, for more members or items, or inside a string. */
export function parsePattern(text: string): Pattern {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|…|[{}[\]:,]|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false|null|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (want?: string) => {
    const token = tokens[at++];
    if (token === undefined || (want !== undefined && token !== want)) throw new Error(`expected ${want ?? 'a value'} at token ${at} of ${text}`);
    return token;
  };
  const value = (): Pattern => {
    const token = take();
    if (token === ELLIPSIS) return { type: 'any' };
    if (token === '{') {
      const keys = new Map<string, Pattern>();
      while (peek() !== '}') {
        if (peek() === ELLIPSIS) take();
        else {
          const key = JSON.parse(take()) as string;
          take(':');
          keys.set(key, value());
        }
        if (peek() === ',') take();
      }
      take('}');
      // `{…}` says "an object", nothing about its keys.
      return { type: 'object', keys };
    }
    if (token === '[') {
      const items: Pattern[] = [];
      let open = false;
      while (peek() !== ']') {
        if (peek() === ELLIPSIS) {
          take();
          open = true;
        } else items.push(value());
        if (peek() === ',') take();
      }
      take(']');
      return { type: 'array', items, open };
    }
    if (token.startsWith('"')) return { type: 'string', value: JSON.parse(token) as string };
    if (token === 'true' || token === 'false' || token === 'null') return { type: 'literal', value: JSON.parse(token) as boolean | null };
    if (/^-?\d/.test(token)) return { type: 'number', value: Number(token) };
    throw new Error(`unexpected ${token} in ${text}`);
  };
  const pattern = value();
  if (at !== tokens.length) throw new Error(`trailing text after the answer in ${text}`);
  return pattern;
}

/**
 * How `actual` differs from what the README shows, one line per difference (none: it matches).
 * Every key shown must be there; a value shown in full must be equal, except durations
 * (`*_ms`), which vary; a string with `…` in it only has to be a string.
 */
export function differences(pattern: Pattern, actual: unknown, path = '$'): string[] {
  const kind = Array.isArray(actual) ? 'array' : actual === null ? 'null' : typeof actual;
  switch (pattern.type) {
    case 'any':
      return [];
    case 'object': {
      if (kind !== 'object') return [`${path}: an object was shown, the answer has ${kind}`];
      const record = actual as Record<string, unknown>;
      return [...pattern.keys].flatMap(([key, inner]) =>
        key in record ? differences(inner, record[key], `${path}.${key}`) : [`${path}.${key}: shown, but not in the answer`],
      );
    }
    case 'array': {
      if (!Array.isArray(actual)) return [`${path}: an array was shown, the answer has ${kind}`];
      if (pattern.open ? actual.length < pattern.items.length : actual.length !== pattern.items.length) {
        return [`${path}: ${pattern.items.length}${pattern.open ? ' or more' : ''} items shown, the answer has ${actual.length}`];
      }
      return pattern.items.flatMap((item, index) => differences(item, actual[index], `${path}[${index}]`));
    }
    case 'string':
      if (typeof actual !== 'string') return [`${path}: a string was shown, the answer has ${kind}`];
      return pattern.value.includes(ELLIPSIS) || actual === pattern.value ? [] : [`${path}: ${JSON.stringify(pattern.value)} shown, the answer has ${JSON.stringify(actual)}`];
    case 'number':
      if (typeof actual !== 'number') return [`${path}: a number was shown, the answer has ${kind}`];
      return path.endsWith('_ms') || actual === pattern.value ? [] : [`${path}: ${pattern.value} shown, the answer has ${actual}`];
    case 'literal':
      return actual === pattern.value ? [] : [`${path}: ${JSON.stringify(pattern.value)} shown, the answer has ${JSON.stringify(actual)}`];
  }
}

/** The first string value under `key` anywhere in `value` (depth first). */
export function findField(value: unknown, key: string): string | undefined {
  if (Array.isArray(value)) return value.map((item) => findField(item, key)).find((found) => found !== undefined);
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const own = record[key];
  if (typeof own === 'string') return own;
  return Object.values(record)
    .map((inner) => findField(inner, key))
    .find((found) => found !== undefined);
}
