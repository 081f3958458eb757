import { loadClientConfig, parseServerUrl } from '../config.js';
import { isReadableByOthers, readSavedLogin } from './config-file.js';
import { CliError, EXIT_CODES, usageError } from './exit-codes.js';
import { line, type CliIo } from './io.js';

export const DEFAULT_SERVER_URL = 'http://localhost:8080';

/** The server a client command talks to, and the key it sends (checked before any request). */
export interface Connection {
  url: string;
  apiKey: string | undefined;
  /** Where the key came from, for messages. */
  keySource: 'flag' | 'SPELL_API_KEY' | 'config file' | 'none';
  configFile: string;
}

/** `--url`/`--key`, which client commands accept. */
export interface ConnectionFlags {
  url?: string | undefined;
  key?: string | undefined;
}

/**
 * Flags win over `SPELL_URL`/`SPELL_API_KEY`, which win over the file `spell login` wrote. The
 * saved key is sent only to the server it was saved for: pointing the CLI at another URL must
 * not hand that server a key for this one.
 */
export async function resolveConnection(io: CliIo, flags: ConnectionFlags): Promise<Connection> {
  const env = loadClientConfig(io.env);
  const saved = await readSavedLogin(env.configFile);
  if (saved && (await isReadableByOthers(env.configFile))) {
    line(io.stderr, `warning: ${env.configFile} is readable by other users; run: chmod 600 '${env.configFile}'`);
  }
  const savedUrl = saved ? parseServerUrl(saved.url, env.configFile) : undefined;
  const url = flags.url !== undefined ? parseUrlFlag(flags.url) : (env.url ?? savedUrl ?? DEFAULT_SERVER_URL);
  const base = { url, configFile: env.configFile };
  if (flags.key) return { ...base, apiKey: flags.key, keySource: 'flag' };
  if (env.apiKey) return { ...base, apiKey: env.apiKey, keySource: 'SPELL_API_KEY' };
  if (saved && savedUrl === url) return { ...base, apiKey: saved.apiKey, keySource: 'config file' };
  return { ...base, apiKey: undefined, keySource: 'none' };
}

export function parseUrlFlag(value: string): string {
  try {
    return parseServerUrl(value, '--url');
  } catch {
    throw usageError(`--url must be a URL like https://spells.example.com (not "${value}")`);
  }
}

/** The key to send, or the one-line explanation of how to get one. */
export function requireKey(connection: Connection): string {
  if (connection.apiKey) return connection.apiKey;
  throw new CliError(
    EXIT_CODES.config,
    `No API key for ${connection.url}: run \`spell login --url ${connection.url}\`, or set SPELL_API_KEY (or pass --key).`,
  );
}
