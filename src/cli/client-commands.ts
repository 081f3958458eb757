import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiError, callApi, type ApiTarget } from './client.js';
import { requireKey, resolveConnection, type ConnectionFlags } from './connection.js';
import { usageError } from './exit-codes.js';
import { line, printJson, type CliIo } from './io.js';
import { logLinesOf, printLogLines } from './log-lines.js';
import { registerLoginCommands } from './login-commands.js';
import { wholeNumber } from './parse-options.js';
import { publishSpell } from './publish.js';
import { formatTable, truncate } from './table.js';

/** `--url`, `--key` and `--json`, which every client command takes. */
function clientOptions(command: Command): Command {
  return command
    .option('--url <url>', 'server URL (default: $SPELL_URL, then the saved login, then http://localhost:8080)')
    .option('--key <key>', 'API key (default: $SPELL_API_KEY, then the saved login)')
    .option('--json', "print the server's JSON answer");
}

async function target(io: CliIo, flags: ConnectionFlags): Promise<ApiTarget> {
  const connection = await resolveConnection(io, flags);
  return { url: connection.url, apiKey: requireKey(connection) };
}

async function readInput(options: { input?: string; inputFile?: string }): Promise<unknown> {
  if (options.input !== undefined && options.inputFile !== undefined) throw usageError('Pass --input or --input-file, not both.');
  let text = options.input ?? 'null';
  let source = '--input';
  if (options.inputFile !== undefined) {
    source = options.inputFile;
    text = await readFile(options.inputFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usageError(error.code === 'ENOENT' ? `No such file: ${options.inputFile}` : `Cannot read ${options.inputFile}: ${error.message}`);
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usageError(`${source} is not valid JSON (${(error as Error).message}). Quote it for your shell: --input '{"text":"hi"}'`);
  }
}

interface CastAnswer {
  cast_id: string;
  output: unknown;
  duration_ms: number;
  cost_cents: number;
}
interface SpellListing {
  spells: {
    name: string;
    full_name: string;
    latest_version: number | null;
    price_cents: number | null;
    visibility: string;
    owned: boolean;
    casts: number;
    description: string;
  }[];
}
interface CastListing {
  casts: { id: string; spell: string; version: number; status: string; duration_ms: number | null; cost_cents: number | null; created_at: string }[];
  next_cursor: string | null;
}

interface SearchFlags {
  search?: string;
  owner?: string;
  tag?: string;
  sort: string;
}

/** `spell login|logout`, `publish`, `cast`, `spells`, `casts`: a client of any server. */
export function registerClientCommands(program: Command, io: CliIo): void {
  registerLoginCommands(program, io);

  clientOptions(
    program
      .command('publish')
      .description('Publish a .wasm file as the next version of a spell (creating the spell if needed)')
      .argument('<name>', 'your spell\'s name (it is published as <your handle>/<name>)')
      .argument('<file>', 'path to the .wasm module')
      .option('--price-cents <n>', 'price per cast in cents', wholeNumber('--price-cents', 0, 1_000_000))
      .option('--function <name>', 'the exported function a cast calls (default: cast)')
      .option('--public', 'list the spell in the public catalog'),
  ).action(async (name: string, file: string, options: ConnectionFlags & { priceCents?: number; function?: string; public?: boolean; json?: boolean }) => {
    const version = (await publishSpell(await target(io, options), {
      name,
      file,
      priceCents: options.priceCents,
      functionName: options.function,
      visibility: options.public ? 'public' : undefined,
    })) as { spell: string; version: number; sha256: string; exports: string[] };
    if (options.json) return printJson(io, version);
    line(io.stdout, `Published ${version.spell} version ${version.version} (sha256 ${version.sha256.slice(0, 12)}…, exports ${version.exports.join(', ')})`);
  });

  clientOptions(
    program
      .command('cast')
      .description('Cast a spell and print its output (its logs, time and cost on stderr)')
      .argument('<spell>', 'owner/name[@version], or name[@version] for your own spell')
      .option('--input <json>', 'the input, as JSON (default: null)')
      .option('--input-file <path>', 'read the input (JSON) from a file'),
  ).action(async (spell: string, options: ConnectionFlags & { input?: string; inputFile?: string; json?: boolean }) => {
    const input = await readInput(options);
    const answer = (await callApi(await target(io, options), 'POST', '/v1/cast', { json: { spell, input } }).catch((error: unknown) => {
      // What a failed spell wrote comes with its error; the error line itself follows.
      if (error instanceof ApiError && !options.json) printLogLines(io.stderr, logLinesOf(error.body));
      throw error;
    })) as CastAnswer;
    if (options.json) return printJson(io, answer);
    line(io.stdout, typeof answer.output === 'string' ? answer.output : JSON.stringify(answer.output, null, 2));
    printLogLines(io.stderr, logLinesOf(answer));
    line(io.stderr, `cast ${answer.cast_id}: ${answer.duration_ms} ms, ${answer.cost_cents} cents`);
  });

  clientOptions(
    program
      .command('spells')
      .description('List the catalog: public spells and your own')
      .option('--mine', 'only your own spells')
      .option('--search <words>', 'only spells whose name, owner, description or tags contain every word')
      .option('--owner <handle>', 'only spells of this owner')
      .option('--tag <tag>', 'only spells with this tag')
      .option('--sort <order>', 'name, popular (most casts first) or new', 'name')
      .option('--limit <n>', 'how many (1-200)', wholeNumber('--limit', 1, 200), 50)
      .option('--offset <n>', 'skip this many', wholeNumber('--offset', 0, 1_000_000_000), 0),
  ).action(async (options: ConnectionFlags & SearchFlags & { mine?: boolean; limit: number; offset: number; json?: boolean }) => {
    const query = new URLSearchParams({
      mine: String(options.mine ?? false),
      limit: String(options.limit),
      offset: String(options.offset),
      sort: options.sort,
      ...(options.search !== undefined && { q: options.search }),
      ...(options.owner !== undefined && { owner: options.owner }),
      ...(options.tag !== undefined && { tag: options.tag }),
    });
    const listing = (await callApi(await target(io, options), 'GET', `/v1/spells?${query}`)) as SpellListing;
    if (options.json) return printJson(io, listing);
    if (listing.spells.length === 0) return line(io.stderr, options.mine ? 'You have no spells yet; publish one with `spell publish`.' : 'No spells.');
    const rows = listing.spells.map((spell) => [
      spell.full_name,
      spell.latest_version === null ? '-' : String(spell.latest_version),
      spell.price_cents === null ? 'default' : String(spell.price_cents),
      spell.visibility,
      spell.owned ? 'yes' : 'no',
      String(spell.casts),
      truncate(spell.description, 60),
    ]);
    for (const text of formatTable(['SPELL', 'VERSION', 'PRICE_CENTS', 'VISIBILITY', 'MINE', 'CASTS', 'DESCRIPTION'], rows)) line(io.stdout, text);
  });

  clientOptions(
    program
      .command('casts')
      .description('List your casts, newest first')
      .option('--limit <n>', 'how many (1-200)', wholeNumber('--limit', 1, 200), 20)
      .option('--cursor <cursor>', 'the page after this one (printed at the end of a page)'),
  ).action(async (options: ConnectionFlags & { limit: number; cursor?: string; json?: boolean }) => {
    const query = new URLSearchParams({ limit: String(options.limit), ...(options.cursor !== undefined && { cursor: options.cursor }) });
    const listing = (await callApi(await target(io, options), 'GET', `/v1/casts?${query}`)) as CastListing;
    if (options.json) return printJson(io, listing);
    if (listing.casts.length === 0) return line(io.stderr, 'No casts.');
    const rows = listing.casts.map((cast) => [
      cast.id,
      `${cast.spell}@${cast.version}`,
      cast.status,
      cast.duration_ms === null ? '-' : String(cast.duration_ms),
      cast.cost_cents === null ? '-' : String(cast.cost_cents),
      cast.created_at,
    ]);
    for (const text of formatTable(['ID', 'SPELL', 'STATUS', 'DURATION_MS', 'COST_CENTS', 'CREATED'], rows)) line(io.stdout, text);
    if (listing.next_cursor) line(io.stderr, `More: spell casts --cursor ${listing.next_cursor}`);
  });
}
