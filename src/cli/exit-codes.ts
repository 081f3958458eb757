/**
 * What `spell` exits with, so scripts can tell a mistake on the command line from a refusal by
 * the server and from a server that cannot be reached. Documented in README ("The CLI").
 */
export const EXIT_CODES = {
  ok: 0,
  /** Something failed on this machine: the embedded database is locked or not migrated, a job failed, … */
  failed: 1,
  /** The command line is wrong: unknown command or option, a bad value, invalid `--input` JSON, a missing file. */
  usage: 2,
  /** The server answered with an error (`401`, `402`, `404`, `422`, `5xx`, …). */
  refused: 3,
  /** No answer from the server: refused connection, unknown host, timeout. */
  unreachable: 4,
  /** Configuration is missing or malformed: no API key, a bad environment variable or config file. */
  config: 78,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** An error the CLI expects and explains in one line; `exitCode` says which kind it is. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT_CODES.usage, message);
