/**
 * A spell worker: runs one Extism call at a time, on a fresh instance per cast so no state leaks
 * from one caster to the next. No WASI, no host functions, no network, no filesystem. The pool on
 * the main thread enforces the wall-clock limit by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import createPlugin from '@extism/extism';
import type { FailureCode, RunReply, RunRequest, WorkerMessage } from './protocol.js';

const PAGE = 64 * 1024;
const MODULE_CACHE_SIZE = 64;
const modules = new Map<string, WebAssembly.Module>();

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;

function remember(key: string, module: WebAssembly.Module): void {
  modules.delete(key);
  modules.set(key, module);
  if (modules.size > MODULE_CACHE_SIZE) modules.delete(modules.keys().next().value as string);
}

/** Collects what the SDK logs, so a refused host-side allocation can be told apart from a plain trap. */
function recordingLogger(notes: string[]): Console {
  const record = (...args: unknown[]) => notes.push(args.map(String).join(' '));
  return { error: record, warn: record, info: () => {}, debug: () => {}, trace: () => {}, log: () => {} } as unknown as Console;
}

function failure(id: number, code: FailureCode, message: string): RunReply {
  return { type: 'result', id, ok: false, code, message };
}

async function run(request: RunRequest): Promise<RunReply> {
  const module = request.module ?? modules.get(request.moduleKey);
  if (!module) return failure(request.id, 'spell_failed', 'the compiled module was not available to the worker');
  if (request.module) remember(request.moduleKey, request.module);

  const notes: string[] = [];
  const hostPages = Math.ceil((request.memoryBytes + request.input.byteLength) / PAGE);
  let instanceMemory: WebAssembly.Memory | undefined;
  try {
    const plugin = await createPlugin(
      { wasm: [{ module }] },
      { useWasi: false, runInWorker: false, functions: {}, logger: recordingLogger(notes), memory: { maxPages: hostPages } },
    );
    const exported = (await plugin.getInstance()).exports.memory;
    instanceMemory = exported instanceof WebAssembly.Memory ? exported : undefined;
    try {
      const output = await plugin.call(request.functionName, request.input);
      const bytes = output ? output.bytes() : new Uint8Array(0);
      const refused = hostMemoryRefused(request, notes);
      if (refused) return refused;
      if (bytes.byteLength > request.outputBytes) {
        return failure(
          request.id,
          'spell_output_too_large',
          `The spell returned ${bytes.byteLength} bytes; the limit is ${request.outputBytes}.`,
        );
      }
      return { type: 'result', id: request.id, ok: true, output: bytes.slice() };
    } finally {
      await plugin.close();
    }
  } catch (error) {
    return classify(request, error, notes, instanceMemory);
  }
}

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** The SDK logs, and answers 0, when a host-side allocation would pass `memory.maxPages`. */
function hostMemoryRefused(request: RunRequest, notes: string[]): RunReply | undefined {
  if (!notes.some((note) => note.includes('memory limit exceeded'))) return undefined;
  return failure(request.id, 'spell_memory_exceeded', `The spell asked the host for more than its ${mib(request.memoryBytes)} memory cap.`);
}

/**
 * Turns what the engine threw into one of the platform's error codes. A trap counts as running out
 * of memory when the SDK refused a host allocation, or when the guest's memory had grown past half
 * of its cap (a growing allocator's next request could no longer be met).
 */
function classify(request: RunRequest, error: unknown, notes: string[], memory: WebAssembly.Memory | undefined): RunReply {
  const message = error instanceof Error ? error.message : String(error);
  const refused = hostMemoryRefused(request, notes);
  if (refused) return refused;
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return failure(request.id, 'spell_trapped', 'The spell exhausted its call stack (recursion too deep).');
  }
  if (error instanceof WebAssembly.RuntimeError) {
    if (memory && memory.buffer.byteLength * 2 > request.memoryBytes) {
      return failure(request.id, 'spell_memory_exceeded', `The spell ran out of memory at its ${mib(request.memoryBytes)} cap.`);
    }
    return failure(request.id, 'spell_trapped', `The spell trapped: ${message}.`);
  }
  const pluginError = /^Plugin-originated error: ([\s\S]*)$/.exec(message);
  if (pluginError) return failure(request.id, 'spell_failed', pluginError[1] || 'The spell reported an error.');
  return failure(request.id, 'spell_failed', `The spell could not run: ${message}`);
}

port.on('message', (request: RunRequest) => {
  void run(request).then((reply) => {
    // The output's buffer is handed over, not copied.
    port.postMessage(reply satisfies WorkerMessage, reply.ok ? [reply.output.buffer as ArrayBuffer] : []);
  });
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
