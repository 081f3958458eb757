// Runs build/spell.wasm the way a cast does, with Extism's JavaScript SDK: `npm test`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import createPlugin from '@extism/extism';

const wasm = await readFile(new URL('build/spell.wasm', import.meta.url));
// A module built for WASI (C with wasi-libc) gets it; one built without (wasm32-unknown-unknown) does not need it.
const useWasi = WebAssembly.Module.imports(await WebAssembly.compile(wasm)).some((entry) => entry.module === 'wasi_snapshot_preview1');

/** Calls `cast` with `input` (JSON, as the platform sends it) on a fresh instance, as each cast gets. */
async function cast(input) {
  const plugin = await createPlugin({ wasm: [{ data: wasm }] }, { useWasi, runInWorker: false });
  try {
    return (await plugin.call('cast', JSON.stringify(input)))?.json();
  } finally {
    await plugin.close();
  }
}

test('greets the name it is given', async () => {
  assert.deepEqual(await cast('Ada'), { greeting: 'Hello, Ada!' });
  assert.deepEqual(await cast('Zoë "Z"'), { greeting: 'Hello, Zoë "Z"!' });
});

test('refuses input that is not a JSON string', async () => {
  await assert.rejects(cast({ name: 'Ada' }), /input must be a JSON string/);
});
