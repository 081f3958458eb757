import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import loadWabt from 'wabt';
import type { App } from '../../src/app.js';
import type { SignedUp } from './users.js';

/** A built example spell from spells/examples (the vitest global setup builds them). */
export function exampleSpell(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../spells/examples/build/${name}.wasm`, import.meta.url)));
}

/** A multipart/form-data body with one file field, as a browser's form would send it. */
export function multipartBody(field: string, bytes: Uint8Array, filename = 'spell.wasm') {
  const boundary = `----spell${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/wasm\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A multipart/form-data body with text fields and one file field `module`, in that order. */
export function moduleForm(fields: Record<string, string>, bytes: Uint8Array | undefined, filename = 'spell.wasm') {
  const boundary = `----spell${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (bytes) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="module"; filename="${filename}"\r\nContent-Type: application/wasm\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Creates a spell with `bytes` as its version 1 in one request (POST /v1/spells, multipart). */
export function createWithModule(app: App, owner: SignedUp, spell: Record<string, unknown>, bytes: Uint8Array) {
  const form = moduleForm({ spell: JSON.stringify(spell) }, bytes);
  return app.inject({ method: 'POST', url: '/v1/spells', headers: { ...owner.headers, 'content-type': form.contentType }, payload: form.payload });
}

/** Creates a spell and uploads `bytes` as its first version; returns the version number. */
export async function publish(
  app: App,
  owner: SignedUp,
  name: string,
  bytes: Uint8Array,
  spell: { visibility?: 'public' | 'private'; price_cents?: number } = {},
): Promise<number> {
  const created = await app.inject({ method: 'POST', url: '/v1/spells', headers: owner.headers, payload: { name, ...spell } });
  if (created.statusCode !== 201 && created.statusCode !== 409) throw new Error(`create failed: ${created.body}`);
  const uploaded = await app.inject({
    method: 'POST',
    url: `/v1/spells/${name}/versions`,
    headers: { ...owner.headers, 'content-type': 'application/wasm' },
    payload: Buffer.from(bytes),
  });
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.statusCode} ${uploaded.body}`);
  return uploaded.json<{ version: number }>().version;
}

/** Assembles a module written in the WebAssembly text format (wabt reports the line of any error). */
export async function wat(source: string, file = 'inline.wat'): Promise<Uint8Array> {
  const wabt = await loadWabt();
  const parsed = wabt.parseWat(file, source);
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** Assembles `test/fixtures/wat/<file>` into a module's bytes. */
export function assembleWat(file: string): Promise<Uint8Array> {
  return wat(readFileSync(fileURLToPath(new URL(`../fixtures/wat/${file}`, import.meta.url)), 'utf8'), file);
}
