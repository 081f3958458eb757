/**
 * The upload-time verdict on a module, in words for its creator: valid Wasm within the platform's
 * structural limits, importing only what the platform provides (Extism's kernel, WASI preview 1),
 * defining its own memory, and exporting the spell's function. The runtime's compile worker does
 * the reading; this file turns its answer into the API's refusal (`400 validation_failed` with `check`).
 */
import { AppError, type MODULE_CHECKS } from '../errors.js';
import type { SpellRuntime } from './runtime/index.js';
import { isInitialiser } from './runtime/wasm-linking.js';

/**
 * The `check` a refused upload names: the runtime's checks, and the spell's function.
 * `rejected` is handed the runtime's refusals as they are, so a check missing from the list fails to compile.
 */
export type UploadCheck = (typeof MODULE_CHECKS)[number];

/** Checks that are structural limits: they are also named in `limit`, as before `check` existed. */
const LIMIT_CHECKS: ReadonlySet<UploadCheck> = new Set(['functions', 'function_size', 'nesting', 'table_size', 'memory', 'compile_time', 'compiler']);

function rejected(check: UploadCheck, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { check, ...(LIMIT_CHECKS.has(check) ? { limit: check } : {}), ...details });
}

/** Lists names for a message: `a, b and c`. */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * Checks `bytes` as a version of a spell whose casts call `functionName`; returns its exported
 * functions, or throws `validation_failed` with the reason.
 */
export async function checkSpellModule(runtime: SpellRuntime, bytes: Uint8Array, functionName: string): Promise<{ exports: string[] }> {
  if (bytes.byteLength === 0) throw rejected('format', 'The module is empty.');
  const inspected = await runtime.inspect(bytes);
  if (!inspected.ok) {
    const { failure, reason } = inspected;
    if (failure === 'format') throw rejected(failure, `Not a valid WebAssembly module: ${reason}.`);
    if (failure === 'imports') {
      throw rejected(failure, `The module imports what the platform does not provide: ${reason}.`, { imports: inspected.imports ?? [] });
    }
    if (failure === 'no_memory') throw rejected(failure, `The module cannot be a spell: ${reason}.`);
    throw rejected(failure, `The module is over the platform's limits: ${reason}.`);
  }
  // An initialiser runs before every call (wasm-linking.ts): it is not a function a cast can call.
  const exports = inspected.exports.filter((name) => !isInitialiser(name));
  if (!exports.includes(functionName)) {
    const has = exports.length === 0 ? 'it exports no functions' : `it exports ${listed(exports.map((name) => `"${name}"`))}`;
    throw rejected('exports', `The module does not export the function "${functionName}": ${has}. Set the spell's function_name to one of them.`, {
      function_name: functionName,
      exports,
    });
  }
  return { exports };
}
