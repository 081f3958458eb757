import type { Readable } from 'node:stream';

/** Where a CLI run reads and writes; tests pass their own to run the CLI in process. */
export interface CliIo {
  /** The environment the run sees; `undefined` reads the process's own (through src/config.ts). */
  env?: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where `spell login` reads a key from when none is given on the command line. */
  stdin?: Readable & { isTTY?: boolean };
}

/** Writes a line of data (stdout) or of commentary (stderr). */
export function line(stream: { write(text: string): unknown }, text: string): void {
  stream.write(`${text}\n`);
}

/** `--json` output: the value, indented, on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  line(io.stdout, JSON.stringify(value, null, 2));
}
