import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';

const run = promisify(execFile);
let server: ServerProcess;
let dataDir: string;
let key: string;

/** `spell <args>` from source, against the test server. */
const spell = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', SPELL_URL: server.url, SPELL_API_KEY: key, ...env },
  });

beforeAll(async () => {
  // The embedded default, as `npm start` runs it: PGlite on disk and the demo spell seeded.
  dataDir = mkdtempSync(join(tmpdir(), 'spell-cli-'));
  server = await startServerProcess({ DATA_DIR: dataDir, RATE_LIMIT_ANON_PER_MINUTE: '1000' });
  const post = async (path: string, body: unknown, token?: string) =>
    (await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    }).then((response) => response.json())) as Record<string, string>;
  const { token } = await post('/v1/auth/register', { email: 'cli@example.com', password: 'a long enough password' });
  const created = await post('/v1/keys', { name: 'cli' }, token);
  if (!created.key) throw new Error(`key not created: ${JSON.stringify(created)}`);
  key = created.key;
});
afterAll(async () => {
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('cli', () => {
  it('casts the demo spell the server seeded on its first start', async () => {
    const { stdout } = await spell(['cast', 'text-stats', '--input', '{"text":"one two three"}']);
    expect(JSON.parse(stdout)).toMatchObject({ output: { words: 3 }, cost_cents: 0 });
  });

  it('publishes a .wasm file as a new spell, then a second version, and casts a pinned one', async () => {
    const first = await spell(['publish', 'reshape', 'spells/examples/build/json-transform.wasm', '--price-cents', '2', '--public']);
    expect(JSON.parse(first.stdout)).toMatchObject({ version: 1, exports: ['cast'] });
    const second = await spell(['publish', 'reshape', 'spells/examples/build/echo.wasm']);
    expect(JSON.parse(second.stdout)).toMatchObject({ version: 2 });

    const pinned = await spell(['cast', 'reshape@1', '--input', '{"data":{"id":1,"email":"a@b.c"},"omit":["email"]}']);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ output: { id: 1 }, cost_cents: 2 });
    const latest = await spell(['cast', 'reshape', '--input', '"echoed"']);
    expect(JSON.parse(latest.stdout)).toMatchObject({ output: 'echoed' });
  });

  it('exits non-zero with the API’s message on a refused cast or a bad key', async () => {
    await expect(spell(['cast', 'no-such-spell'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No spell named no-such-spell') });
    await expect(spell(['cast', 'text-stats'], { SPELL_API_KEY: 'spell_000000000000_nope' })).rejects.toMatchObject({ code: 1 });
  });
});
