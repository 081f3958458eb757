/** Messages between the pool (main thread) and a spell worker. */

export type FailureCode =
  | 'spell_timeout'
  | 'spell_memory_exceeded'
  | 'spell_output_too_large'
  | 'spell_trapped'
  | 'spell_failed'
  | 'runtime_busy';

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

export type RunReply =
  | { type: 'result'; id: number; ok: true; output: Uint8Array }
  | { type: 'result'; id: number; ok: false; code: FailureCode; message: string };

export type WorkerMessage = { type: 'ready' } | RunReply;
