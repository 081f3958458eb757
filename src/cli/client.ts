import { readFile } from 'node:fs/promises';
import type { ClientConfig } from '../config.js';

/** An API error as the server reports it, for the CLI to print. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string },
  ) {
    super(`${status} ${body.error ?? 'error'}: ${body.message ?? ''}`.trim());
  }
}

async function call(config: ClientConfig, method: string, path: string, body?: { json?: unknown; wasm?: Uint8Array }): Promise<unknown> {
  if (!config.apiKey) throw new Error('Set SPELL_API_KEY (or pass --key) to an API key from POST /v1/keys.');
  const headers: Record<string, string> = { authorization: `Bearer ${config.apiKey}` };
  let payload: string | Uint8Array | undefined;
  if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.wasm) {
    headers['content-type'] = 'application/wasm';
    payload = body.wasm;
  }
  const response = await fetch(`${config.url}${path}`, { method, headers, ...(payload !== undefined && { body: payload }) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError(response.status, (parsed ?? {}) as { error?: string; message?: string });
  return parsed;
}

/** Creates the spell if it does not exist yet (updating its price when given), then uploads a version. */
export async function publishSpell(
  config: ClientConfig,
  options: { name: string; file: string; priceCents?: number | undefined; visibility?: 'public' | 'private' | undefined },
): Promise<unknown> {
  const wasm = await readFile(options.file);
  try {
    await call(config, 'POST', '/v1/spells', {
      json: { name: options.name, visibility: options.visibility, price_cents: options.priceCents },
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    const changes = {
      ...(options.priceCents !== undefined && { price_cents: options.priceCents }),
      ...(options.visibility !== undefined && { visibility: options.visibility }),
    };
    if (Object.keys(changes).length > 0) await call(config, 'PATCH', `/v1/spells/${options.name}`, { json: changes });
  }
  return call(config, 'POST', `/v1/spells/${options.name}/versions`, { wasm });
}

export function castSpell(config: ClientConfig, options: { spell: string; input: unknown }): Promise<unknown> {
  return call(config, 'POST', '/v1/cast', { json: { spell: options.spell, input: options.input } });
}
