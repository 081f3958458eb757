/** Messages between the pool (main thread) and its workers. */
import type { ModuleImport } from './capabilities.js';
import type { MemoryLimits } from './wasm-memory.js';
import type { LimitName, ModuleLimits } from './wasm-structure.js';

/** Why a cast failed in the runtime; also the `code` label values of `spell_cast_failed_total`. */
export const FAILURE_CODES = [
  'spell_timeout',
  'spell_memory_exceeded',
  'spell_output_too_large',
  'spell_trapped',
  'spell_failed',
  'spell_capability_denied',
  'runtime_busy',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export interface RunRequest {
  type: 'run';
  id: number;
  /** Names the compiled module; the worker keeps modules it has seen under this key. */
  moduleKey: string;
  /** Sent only the first time this worker sees `moduleKey`. */
  module?: WebAssembly.Module;
  functionName: string;
  input: Uint8Array;
  memoryBytes: number;
  outputBytes: number;
}

/** Where a spell's log line came from: Extism's `log_*` functions, or WASI stdout and stderr. */
export const SPELL_LOG_STREAMS = ['log', 'stdout', 'stderr'] as const;
export const SPELL_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;

/** One line a spell wrote during a cast. stdout lines are `info`, stderr lines `warn`. */
export interface SpellLogLine {
  stream: (typeof SPELL_LOG_STREAMS)[number];
  level: (typeof SPELL_LOG_LEVELS)[number];
  message: string;
}

/** What a cast left behind besides its output, whichever way it ended in the worker. */
export interface RunTrace {
  /** The spell's log lines, up to the per-cast cap. */
  logs: SpellLogLine[];
  /** True when lines were dropped or cut at the cap. */
  logsTruncated: boolean;
  /** The guest's linear memory when the cast ended, in bytes (0 when it never started). */
  memoryBytes: number;
}

export type RunReply =
  | ({ type: 'result'; id: number; ok: true; output: Uint8Array } & RunTrace)
  | ({ type: 'result'; id: number; ok: false; code: FailureCode; message: string; exitCode?: number } & RunTrace);

export type WorkerMessage = { type: 'ready' } | RunReply;

/** What the pool hands each spell worker when it starts (`workerData`). */
export interface WorkerSettings {
  /** One float the worker keeps at its JS heap plus external (ArrayBuffer, Wasm memory) bytes. */
  footprint: SharedArrayBuffer;
  /** Host-side blocks one cast may hold at once (input, allocations, output). */
  hostMemoryBytes: number;
  /** Bytes of Extism vars one cast may keep. */
  varBytes: number;
  /** Characters of log lines one cast may keep (`spell-logs.ts`). */
  logChars: number;
}

/** Messages between the pool and the compile worker. */
export interface CompileRequest {
  id: number;
  bytes: Uint8Array;
  limits: ModuleLimits;
  /** Lowers the module's memory maximum to this many pages before compiling (for casts). */
  memoryPages?: number;
}

export type CompileFailure = LimitName | 'format' | 'compile_time' | 'compiler';

export type CompileOutcome =
  | {
      ok: true;
      module: WebAssembly.Module;
      exports: string[];
      /** Every import, as the engine reads them; inspect.ts checks them against what the platform provides. */
      imports: ModuleImport[];
      /** The first memory the module defines (null when it defines none). */
      memory: MemoryLimits | null;
    }
  | { ok: false; failure: CompileFailure; reason: string };

export type CompileReply = CompileOutcome & { type: 'compiled'; id: number };

export type CompileWorkerMessage = { type: 'ready' } | CompileReply;
