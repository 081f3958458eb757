import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * The one test that starts `spell` as its own process (from source; bin/spell.js runs the same
 * module once built): what runCli returns must become the process's exit code, and nothing the
 * command left open may keep the process alive after an error.
 */
const spellProcess = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'spell-config-')) },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('cli.process', () => {
  it('exits with the code runCli returns, one line on stderr', async () => {
    const [version, unreachable, usage] = await Promise.all([
      spellProcess(['--version']),
      spellProcess(['spells', '--url', 'http://127.0.0.1:1', '--key', 'spell_x']),
      spellProcess(['cast', 'x', '--input', '{oops']),
    ]);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(/^error: Cannot reach http:\/\/127\.0\.0\.1:1 \([^)]+\)[^\n]*\n$/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error: --input is not valid JSON[^\n]*\n$/);
  }, 120_000);
});
