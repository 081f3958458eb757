import type { Command } from 'commander';
import type { CliIo } from './io.js';
import { wholeNumber } from './parse-options.js';

/** `spell run`: tools for a creator's own machine, with no server and no account. */
export function registerLocalCommands(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('Run a .wasm spell here, in the server\'s runtime with its limits, and print its output, logs, duration and memory')
    .argument('<file>', 'path to the .wasm module')
    .option('--input <json>', "the input: JSON ('{\"text\":\"hi\"}'), @file.json, or - for stdin (default: null)")
    .option('--function <name>', 'the exported function to call', 'cast')
    .option('--timeout-ms <ms>', 'the time limit (default: SPELL_DEFAULT_TIMEOUT_MS, 2000)', wholeNumber('--timeout-ms', 10, 600_000))
    .option('--memory-mb <mb>', 'the memory cap (default: SPELL_MEMORY_LIMIT_MB, 64)', wholeNumber('--memory-mb', 1, 4_096))
    .option('--json', 'print {ok, output | error and message, logs, logs_truncated, duration_ms, memory_bytes} as JSON')
    .action(async (file: string, options: { input?: string; function: string; timeoutMs?: number; memoryMb?: number; json?: boolean }) => {
      // Loaded when it runs, so other commands start without the runtime.
      const { runLocally } = await import('./run-local.js');
      await runLocally(io, file, options);
    });
}
