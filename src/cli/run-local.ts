import { readFile } from 'node:fs/promises';
import { capCastLogs, type CastLogs } from '../casts/cast-logs.js';
import { decodeOutput } from '../casts/cast-spell.js';
import { loadSpellConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { checkSpellModule } from '../spells/module-checks.js';
import { sha256Hex } from '../spells/registry.js';
import { spellRuntimeOptions } from '../spells/runtime-options.js';
import { createSpellRuntime, type RunResult, type SpellRuntime } from '../spells/runtime/index.js';
import { CliError, EXIT_CODES, usageError } from './exit-codes.js';
import { line, printJson, type CliIo } from './io.js';
import { printLogLines } from './log-lines.js';
import { readModuleFile } from './publish.js';

export interface LocalRunOptions {
  input?: string;
  function?: string;
  timeoutMs?: number;
  memoryMb?: number;
  json?: boolean;
}

const MiB = 1024 * 1024;
const PAGE = 64 * 1024;

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(error.code === 'ENOENT' ? `No such ${what}: ${path}` : `Cannot read ${path}: ${error.message}`);
  });
}

async function readStdin(io: CliIo): Promise<string> {
  if (!io.stdin) return '';
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return text;
}

/** `--input`: JSON itself, `@file.json`, or `-` for stdin; no input is `null`, as a server cast sends it. */
async function readInput(io: CliIo, input: string | undefined): Promise<unknown> {
  if (input === undefined) return null;
  const source = input === '-' ? 'stdin' : input.startsWith('@') ? input.slice(1) : '--input';
  const text = input === '-' ? await readStdin(io) : input.startsWith('@') ? await readText(input.slice(1), 'input file') : input;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usageError(`${source} is not valid JSON (${(error as Error).message}). Quote it for your shell: --input '{"text":"hi"}'`);
  }
}

/** The limits a server with this environment gives the spell, with the command line's overrides. */
function limitsFor(io: CliIo, options: LocalRunOptions): { spells: Config['spells']; timeoutMs: number } {
  const spells = loadSpellConfig(io.env, options.memoryMb === undefined ? {} : { SPELL_MEMORY_LIMIT_MB: String(options.memoryMb) });
  const timeoutMs = options.timeoutMs ?? spells.defaultTimeoutMs;
  if (timeoutMs > spells.maxTimeoutMs) {
    throw usageError(`--timeout-ms must be at most ${spells.maxTimeoutMs}, the longest a server lets a cast run (SPELL_MAX_TIMEOUT_MS)`);
  }
  return { spells, timeoutMs };
}

/**
 * The upload's checks, by the server's own function and in its words (its error code and the
 * check's name): a module a server would refuse is not run.
 */
async function checkModule(runtime: SpellRuntime, bytes: Uint8Array, functionName: string, maxBytes: number): Promise<void> {
  if (bytes.byteLength > maxBytes) {
    throw new CliError(EXIT_CODES.failed, `payload_too_large: The module is ${bytes.byteLength} bytes; the limit is ${maxBytes}.`);
  }
  try {
    await checkSpellModule(runtime, bytes, functionName);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const check = typeof error.details.check === 'string' ? ` (${error.details.check})` : '';
    const hint = error.details.check === 'exports' ? ' Here: pass --function.' : '';
    throw new CliError(EXIT_CODES.failed, `${error.code}${check}: ${error.message}${hint}`);
  }
}

const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/** The guest's linear memory at the end, in whole 64 KiB pages. */
function memoryText(bytes: number): string {
  if (bytes <= 0) return 'memory not reported (a cast the runtime stopped reports none)';
  const pages = bytes / PAGE;
  const size = bytes < MiB ? `${bytes / 1024} KiB` : `${(bytes / MiB).toFixed(1)} MiB`;
  return `${size} of memory (${pages} ${pages === 1 ? 'page' : 'pages'})`;
}

/** What `--json` prints: the fields a server cast's answer has, plus the memory used. */
function jsonReport(result: RunResult, logs: CastLogs): Record<string, unknown> {
  const trace = { logs: logs.lines, logs_truncated: logs.truncated, duration_ms: roundMs(result.durationMs), memory_bytes: result.memoryBytes };
  if (result.ok) return { ok: true, output: decodeOutput(result.output), ...trace };
  return { ok: false, error: result.code, message: result.message, ...(result.exitCode !== undefined && { exit_code: result.exitCode }), ...trace };
}

/**
 * `spell run <file.wasm>`: checks the module as an upload would, then casts it once in the same
 * runtime and with the same limits a server with this environment uses, without an account or
 * a database. The output goes to stdout, the spell's logs and the run's figures to stderr; a
 * failed cast exits 1 with the error code and message a server cast would answer.
 */
export async function runLocally(io: CliIo, file: string, options: LocalRunOptions): Promise<void> {
  const input = await readInput(io, options.input);
  const bytes = await readModuleFile(file);
  const { spells, timeoutMs } = limitsFor(io, options);
  const functionName = options.function ?? 'cast';
  const runtime = createSpellRuntime({ ...spellRuntimeOptions(spells), size: 1, compileCacheSize: 1 });
  let result: RunResult;
  try {
    await checkModule(runtime, bytes, functionName, spells.maxModuleBytes);
    result = await runtime.run({
      moduleHash: sha256Hex(bytes),
      loadModule: () => Promise.resolve(bytes),
      functionName,
      input: new TextEncoder().encode(JSON.stringify(input)),
      limits: { timeoutMs, memoryBytes: spells.memoryBytes, outputBytes: spells.outputBytes },
    });
  } finally {
    await runtime.close();
  }
  const logs = capCastLogs({ lines: result.logs, truncated: result.logsTruncated }, spells.logMaxBytes);
  if (options.json) printJson(io, jsonReport(result, logs));
  else {
    if (result.ok) {
      const output = decodeOutput(result.output);
      line(io.stdout, typeof output === 'string' ? output : JSON.stringify(output, null, 2));
    }
    printLogLines(io.stderr, logs);
    line(io.stderr, `${functionName}: ${result.ok ? 'succeeded' : 'failed'} in ${roundMs(result.durationMs)} ms, ${memoryText(result.memoryBytes)}`);
  }
  if (!result.ok) throw new CliError(EXIT_CODES.failed, `${result.code}: ${result.message}`);
}
