import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, callApi, type ApiTarget } from './client.js';
import { CliError, usageError } from './exit-codes.js';

export interface PublishOptions {
  name: string;
  file: string;
  priceCents?: number | undefined;
  visibility?: 'public' | 'private' | undefined;
  functionName?: string | undefined;
}

interface SpellView {
  full_name: string;
  function_name: string;
}

interface CreatedSpell {
  full_name: string;
  versions: object[];
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * A module file's bytes, refused here (a usage error, before anything is sent or run) when it
 * cannot be a Wasm module. `spell publish` and `spell run` read modules with it.
 */
export async function readModuleFile(file: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (bytes.byteLength < 8 || WASM_MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw usageError(`${file} is not a WebAssembly module (it does not start with \\0asm)`);
  }
  return bytes;
}

async function findSpell(target: ApiTarget, name: string): Promise<SpellView | undefined> {
  try {
    return (await callApi(target, 'GET', `/v1/spells/${encodeURIComponent(name)}`)) as SpellView;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Adds `note` to a failure's message, keeping its exit code. */
function withNote(error: unknown, note: string): unknown {
  if (!(error instanceof CliError)) return error;
  return new CliError(error.exitCode, `${error.message} ${note}`);
}

/**
 * Creates `name` with `file` as its version 1 in one request: the server checks the module first
 * and stores the spell only with it, so a refused module leaves nothing behind.
 */
async function createWithModule(target: ApiTarget, options: PublishOptions, wasm: Uint8Array): Promise<unknown> {
  const form = new FormData();
  const settings = { name: options.name, visibility: options.visibility, price_cents: options.priceCents, function_name: options.functionName };
  form.append('spell', JSON.stringify(settings));
  form.append('module', new Blob([wasm], { type: 'application/wasm' }), basename(options.file));
  const created = (await callApi(target, 'POST', '/v1/spells', { form }).catch((error: unknown) => {
    throw withNote(error, `Nothing was published.`);
  })) as CreatedSpell;
  return { spell: created.full_name, ...created.versions[0] };
}

/**
 * Publishes `file` as the next version of `name`, creating the spell with it when there is none.
 * An existing spell's function is switched with the upload (the server checks the module exports
 * it); its price and visibility change only once the version is in.
 */
export async function publishSpell(target: ApiTarget, options: PublishOptions): Promise<unknown> {
  const wasm = await readModuleFile(options.file);
  const path = `/v1/spells/${encodeURIComponent(options.name)}`;
  const existing = await findSpell(target, options.name);
  if (!existing) return createWithModule(target, options, wasm);

  // The server checks the module against the new function and switches to it with the version.
  const switchFunction = options.functionName !== undefined && options.functionName !== existing.function_name;
  const query = switchFunction ? `?${new URLSearchParams({ function_name: options.functionName ?? '' }).toString()}` : '';
  const version = (await callApi(target, 'POST', `${path}/versions${query}`, { wasm }).catch((error: unknown) => {
    throw withNote(error, `Nothing was published; ${existing.full_name} is unchanged.`);
  })) as object;
  const changes = {
    ...(options.priceCents !== undefined && { price_cents: options.priceCents }),
    ...(options.visibility !== undefined && { visibility: options.visibility }),
  };
  if (Object.keys(changes).length > 0) {
    await callApi(target, 'PATCH', path, { json: changes }).catch((error: unknown) => {
      throw withNote(error, `The new version was published, but the price and visibility were not changed.`);
    });
  }
  return { spell: existing.full_name, ...version };
}
