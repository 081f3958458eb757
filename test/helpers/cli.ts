import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The whole environment the run sees; nothing is inherited from the test process. */
  env?: Record<string, string>;
  /** What `spell login` finds on stdin. */
  stdin?: string;
}

/** A fresh directory to stand for `$XDG_CONFIG_HOME`, so no run reads or writes the real one. */
export function tempConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'spell-config-'));
}

/** Runs `spell <argv>` in this process and collects what it printed and its exit code. */
export async function spell(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { LOG_LEVEL: 'warn', XDG_CONFIG_HOME: tempConfigHome(), ...options.env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
  });
  return { code, stdout, stderr };
}

/** What every failure must look like: one line on stderr, no stack trace. */
export function expectOneLineError(run: CliRun): string {
  const lines = run.stderr.trimEnd().split('\n');
  if (lines.length !== 1 || /^\s+at /m.test(run.stderr) || !run.stderr.startsWith('error: ')) {
    throw new Error(`expected one "error: …" line on stderr, got:\n${run.stderr}`);
  }
  return lines[0] ?? '';
}
