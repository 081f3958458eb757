/** What the compile worker's answers mean to an upload and to a cast. */
import { createModuleCompiler, type CompileOutcome, type ModuleCompiler } from './compiler.js';
import { checkImports, checkModuleInterface, type RefusedImport } from './module-interface.js';
import type { CompileFailure, FailureCode } from './protocol.js';
import type { MemoryLimits } from './wasm-memory.js';
import { DEFAULT_MODULE_LIMITS, type ModuleLimits } from './wasm-structure.js';

export interface ModuleInspection {
  ok: true;
  /** Names of the exported functions. */
  exports: string[];
  memory: MemoryLimits | null;
}

/** Which upload-time check refused a module. */
export type ModuleCheck = CompileFailure | 'imports' | 'no_memory';

export interface ModuleRefusal {
  ok: false;
  /**
   * Which limit the module is over, `format` for a module the engine refuses, `imports` for one
   * importing what the platform does not provide, `no_memory` for one without a memory of its own.
   */
  failure: ModuleCheck;
  reason: string;
  /** With `imports`: each import the platform does not provide, and why. */
  imports?: RefusedImport[];
}

/** A module ready for casts, or why casts of it fail; `cacheable` when the answer cannot change. */
export type Compiled =
  | { ok: true; module: WebAssembly.Module }
  | { ok: false; code: FailureCode; message: string; cacheable: boolean };

/** An upload's answer: the compile worker's, then the checks of the module's imports and memory. */
export function inspection(outcome: CompileOutcome): ModuleInspection | ModuleRefusal {
  if (!outcome.ok) return { ok: false, failure: outcome.failure, reason: outcome.reason };
  const checked = checkModuleInterface(outcome);
  if (!checked.ok) return checked;
  return { ok: true, exports: outcome.exports, memory: outcome.memory };
}

export function compiledOrFailure(outcome: CompileOutcome, memoryBytes: number): Compiled {
  if (outcome.ok) {
    const imports = checkImports(outcome.imports, { only: 'non_functions' });
    if (!imports.ok) return { ok: false, code: 'spell_failed', message: `The spell’s module cannot run here: ${imports.reason}.`, cacheable: true };
    return { ok: true, module: outcome.module };
  }
  const { failure, reason } = outcome;
  if (failure === 'memory') {
    return { ok: false, code: 'spell_memory_exceeded', message: `The spell’s module is over its ${memoryBytes} byte memory cap: ${reason}.`, cacheable: true };
  }
  if (failure === 'compile_time') {
    return { ok: false, code: 'spell_timeout', message: `The spell’s module could not be compiled in time: ${reason}.`, cacheable: false };
  }
  if (failure === 'compiler') {
    return { ok: false, code: 'spell_failed', message: `The spell’s module could not be compiled: ${reason}.`, cacheable: false };
  }
  return { ok: false, code: 'spell_failed', message: `The spell’s module cannot run here: ${reason}.`, cacheable: true };
}

let shared: ModuleCompiler | undefined;

/**
 * Upload-time checks outside a runtime (scripts, tests): the structural limits, a compile, then
 * the module's imports and its own memory. The server uses its runtime's `inspect`, which
 * applies the configured limits.
 */
export function inspectWasmModule(
  bytes: Uint8Array,
  limits: ModuleLimits = DEFAULT_MODULE_LIMITS,
): Promise<ModuleInspection | ModuleRefusal> {
  shared ??= createModuleCompiler({ timeoutMs: 5_000, unref: true });
  return shared.compile(bytes, { limits }).then(inspection);
}
