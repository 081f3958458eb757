import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { registerClientCommands } from './client-commands.js';
import { CliError, EXIT_CODES, type ExitCode } from './exit-codes.js';
import { registerInitCommand } from './init-command.js';
import { line, type CliIo } from './io.js';
import { registerLocalCommands } from './local-commands.js';
import { registerOperatorCommands } from './operator-commands.js';
import { registerServerCommands } from './server-commands.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function createProgram(io: CliIo): Command {
  const program = new Command()
    .name('spell')
    .description('Spell Platform: publish WebAssembly spells and cast them over HTTP.')
    .version(version, '-V, --version', 'print the version')
    .option('--debug', 'on an error, print its stack trace too')
    // Errors come back to runCli as exceptions, so a run never exits the process under a test.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 failed here, 2 usage error, 3 refused by the server, 4 server unreachable, 78 configuration.\n' +
        'Server and key: --url/--key, then SPELL_URL/SPELL_API_KEY, then what `spell login` saved.',
    );
  registerServerCommands(program, io);
  registerOperatorCommands(program, io);
  registerClientCommands(program, io);
  registerLocalCommands(program, io);
  registerInitCommand(program, io);
  return program;
}

/**
 * Failures whose message says what to do; anything else is a bug worth a stack trace under
 * --debug. The database's errors are known by name, so that loading this module (every run)
 * does not load the database drivers.
 */
const EXPLAINED_ERRORS = new Set(['DatabaseInUseError', 'DatabaseNotMigratedError']);
const expected = (error: unknown) =>
  error instanceof CliError || error instanceof ConfigError || (error instanceof Error && EXPLAINED_ERRORS.has(error.name));

function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError) return EXIT_CODES.config;
  return EXIT_CODES.failed;
}

/**
 * Runs `spell <argv>` and returns its exit code (see EXIT_CODES). Every failure is one line on
 * `io.stderr`; `--debug` adds the stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const debug = argv.includes('--debug');
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    // Commander has already printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
    const hint = debug || expected(error) ? '' : ' (run again with --debug for the stack trace)';
    line(io.stderr, `error: ${message || 'unknown error'}${hint}`);
    if (debug && error instanceof Error) {
      line(io.stderr, error.stack ?? String(error));
      if (error.cause !== undefined) line(io.stderr, `cause: ${inspect(error.cause)}`);
    }
    return exitCodeOf(error);
  }
}
