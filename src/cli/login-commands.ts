import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { loadClientConfig, parseServerUrl } from '../config.js';
import { callApi } from './client.js';
import { readSavedLogin, removeSavedLogin, writeSavedLogin, type SavedLogin } from './config-file.js';
import { DEFAULT_SERVER_URL, parseUrlFlag } from './connection.js';
import { usageError } from './exit-codes.js';
import { line, printJson, type CliIo } from './io.js';

const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The first line of stdin: a key piped in (`spell login < key.txt`) or pasted at the prompt. */
async function readKey(io: CliIo): Promise<string> {
  const stdin = io.stdin;
  if (!stdin) return '';
  const atTerminal = stdin.isTTY === true;
  if (atTerminal) io.stderr.write('Paste an API key (from the web app, or POST /v1/keys): ');
  // At a terminal, readline echoes what is typed to its output: a silent one keeps the key off the screen.
  const reader = createInterface({ input: stdin, terminal: atTerminal, ...(atTerminal && { output: silent() }) });
  try {
    for await (const entered of reader) return entered.trim();
    return '';
  } finally {
    reader.close();
    if (atTerminal) io.stderr.write('\n');
  }
}

/** The saved login's URL when it is one: a login after a broken file starts from the default. */
function savedUrl(saved: SavedLogin | undefined): string | undefined {
  try {
    return saved ? parseServerUrl(saved.url, 'url') : undefined;
  } catch {
    return undefined;
  }
}

interface Me {
  user: { email: string };
  tenant: { id: string; name: string };
}

/** `spell login` and `spell logout`: the saved server URL and API key. */
export function registerLoginCommands(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('Check an API key against a server and save both for later commands (the key is read from stdin unless --key is given)')
    .option('--url <url>', 'server URL (default: $SPELL_URL, then the saved login, then http://localhost:8080)')
    .option('--key <key>', 'the API key (visible in your shell history; prefer piping it in)')
    .option('--json', 'print who the key belongs to as JSON')
    .action(async (options: { url?: string; key?: string; json?: boolean }) => {
      const env = loadClientConfig(io.env);
      // A broken or foreign file is what a new login replaces, so it does not stop this one.
      const saved: SavedLogin | undefined = await readSavedLogin(env.configFile).catch(() => undefined);
      const url = options.url !== undefined ? parseUrlFlag(options.url) : (env.url ?? savedUrl(saved) ?? DEFAULT_SERVER_URL);
      const apiKey = options.key?.trim() || (await readKey(io));
      if (!apiKey) throw usageError('No API key given: pipe one in (spell login < key.txt) or pass --key.');
      // Saved only once the server accepts it: a refused key leaves the old login in place.
      const me = (await callApi({ url, apiKey }, 'GET', '/v1/me')) as Me;
      await writeSavedLogin(env.configFile, { url, apiKey });
      if (env.apiKey && env.apiKey !== apiKey) line(io.stderr, 'warning: SPELL_API_KEY is set and wins over the saved key; unset it to use this login.');
      if (options.json) return printJson(io, { url, email: me.user.email, tenant: me.tenant, config_file: env.configFile });
      line(io.stdout, `Logged in to ${url} as ${me.user.email} (${me.tenant.name}); saved in ${env.configFile}`);
    });

  program
    .command('logout')
    .description('Forget the saved server URL and API key (the key itself stays valid; revoke it with DELETE /v1/keys/:prefix)')
    .action(async () => {
      const { configFile } = loadClientConfig(io.env);
      const removed = await removeSavedLogin(configFile);
      line(io.stdout, removed ? `Logged out: removed ${configFile}` : 'Not logged in.');
    });
}
