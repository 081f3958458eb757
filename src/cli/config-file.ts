import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT_CODES } from './exit-codes.js';

/** What `spell login` saves: the server and the API key to use with it. */
export interface SavedLogin {
  url: string;
  apiKey: string;
}

const fileSchema = z.object({ url: z.string(), api_key: z.string().min(1) });

/** The saved login, `undefined` when there is none; a file that is not ours stops the command. */
export async function readSavedLogin(path: string): Promise<SavedLogin | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(EXIT_CODES.config, `Cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const saved = fileSchema.safeParse(parsed);
  if (!saved.success) {
    throw new CliError(EXIT_CODES.config, `${path} is not a spell config file (expected {"url", "api_key"}); run \`spell login\` again or remove it.`);
  }
  return { url: saved.data.url, apiKey: saved.data.api_key };
}

/** True when others than the owner may read the file (POSIX permissions only). */
export async function isReadableByOthers(path: string): Promise<boolean> {
  if (process.platform === 'win32') return false;
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && (info.mode & 0o077) !== 0;
}

/**
 * Saves the login readable by its owner only (0600, in a 0700 directory). It is written to a
 * temporary file and renamed over the old one, so an interrupted login never leaves half a file
 * and a file that was once world-readable is replaced rather than rewritten in place.
 */
export async function writeSavedLogin(path: string, login: SavedLogin): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify({ url: login.url, api_key: login.apiKey }, null, 2)}\n`, { mode: 0o600, flag: 'w' });
    // The mode above is subject to the umask and to a file left by an earlier failed attempt.
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CliError(EXIT_CODES.failed, `Cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Removes the saved login; false when there was none. */
export async function removeSavedLogin(path: string): Promise<boolean> {
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  await rm(path, { force: true });
  return existed;
}
