/**
 * The compile worker: checks a module's structure against the platform's limits and compiles it,
 * off the main thread, and reads its imports, exports and memory for inspect.ts to judge. The
 * pool terminates this thread when a compile runs past its wall-clock bound. V8 compiles function
 * bodies lazily, on their first call; the structural limits bound that later cost too.
 */
import { parentPort } from 'node:worker_threads';
import type { CompileFailure, CompileReply, CompileRequest, CompileWorkerMessage } from './protocol.js';
import { capMemory, readMemoryLimits } from './wasm-memory.js';
import { checkModuleStructure } from './wasm-structure.js';
import { linkForSandbox } from './wasm-linking.js';
import { capTables } from './wasm-tables.js';

if (!parentPort) throw new Error('compile-worker.ts must run in a worker thread');
const port = parentPort;

function compileModule(request: CompileRequest): CompileReply {
  const refuse = (failure: CompileFailure, reason: string): CompileReply => ({
    type: 'compiled',
    id: request.id,
    ok: false,
    failure,
    reason,
  });
  const checked = checkModuleStructure(request.bytes, request.limits);
  if (!checked.ok) return refuse(checked.limit, checked.reason);
  let bytes: Uint8Array;
  try {
    bytes = capTables(request.bytes, request.limits.maxTableElements);
  } catch (error) {
    return refuse('format', error instanceof Error ? error.message : 'unreadable table section');
  }
  if (request.memoryPages !== undefined) {
    const capped = capMemory(bytes, request.memoryPages);
    if (!capped.ok) return refuse('memory', `it declares ${capped.initialPages * 64} KiB of initial memory`);
    // Only a cast's compile is linked for the sandbox; an upload's inspection sees the module as built.
    bytes = linkForSandbox(capped.bytes);
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (error) {
    return refuse('format', error instanceof Error ? error.message.replace(/^WebAssembly\.Module\(\): /, '') : 'invalid module');
  }
  const exports = WebAssembly.Module.exports(module)
    .filter((entry) => entry.kind === 'function')
    .map((entry) => entry.name);
  const imports = WebAssembly.Module.imports(module).map(({ module: from, name, kind }) => ({ module: from, name, kind }));
  return { type: 'compiled', id: request.id, ok: true, module, exports, imports, memory: readMemoryLimits(request.bytes)[0] ?? null };
}

port.on('message', (request: CompileRequest) => {
  port.postMessage(compileModule(request) satisfies CompileWorkerMessage);
});
port.postMessage({ type: 'ready' } satisfies CompileWorkerMessage);
