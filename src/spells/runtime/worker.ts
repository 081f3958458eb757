/**
 * A spell worker: runs one Extism call at a time, on a fresh instance per cast so no state leaks
 * from one caster to the next. No WASI, no host functions, no network, no filesystem. The pool on
 * the main thread enforces the wall-clock limit by terminating this thread, and its memory bound
 * by reading the footprint this thread reports each time the guest asks the host for memory.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import createPlugin from '@extism/extism';
import { createHostBudget, type HostBudget } from './host-memory.js';
import type { FailureCode, RunReply, RunRequest, WorkerMessage, WorkerSettings } from './protocol.js';

const PAGE = 64 * 1024;
const MODULE_CACHE_SIZE = 64;
const modules = new Map<string, WebAssembly.Module>();

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
const settings = workerData as WorkerSettings;
const footprint = new Float64Array(settings.footprint);

/** Publishes this thread's JS heap plus external memory (ArrayBuffers, Wasm memories) to the pool. */
function reportFootprint(): void {
  const heap = getHeapStatistics();
  footprint[0] = heap.total_heap_size + heap.external_memory;
}

function remember(key: string, module: WebAssembly.Module): void {
  modules.delete(key);
  modules.set(key, module);
  if (modules.size > MODULE_CACHE_SIZE) modules.delete(modules.keys().next().value as string);
}

/** Characters of a failure message that reach the caster; a spell chooses its own error text. */
const FAILURE_MESSAGE_CHARS = 1_000;

/**
 * A failed cast's reply. The message is cut to `FAILURE_MESSAGE_CHARS` and control characters are
 * replaced, because a spell writes its error text itself (Extism's `error_set`) and could otherwise
 * hand the main thread a block of hundreds of megabytes to serialise, or NULs no text column takes.
 */
function failure(id: number, code: FailureCode, message: string): RunReply {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const printable = message.slice(0, FAILURE_MESSAGE_CHARS + 1).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');
  const text = printable.length > FAILURE_MESSAGE_CHARS ? `${printable.slice(0, FAILURE_MESSAGE_CHARS)}… (cut at ${FAILURE_MESSAGE_CHARS} characters)` : printable;
  return { type: 'result', id, ok: false, code, message: text, logs: [], logsTruncated: false, memoryBytes: 0 };
}

async function run(request: RunRequest): Promise<RunReply> {
  const module = request.module ?? modules.get(request.moduleKey);
  if (!module) return failure(request.id, 'spell_failed', 'the compiled module was not available to the worker');
  if (request.module) remember(request.moduleKey, request.module);

  const host = createHostBudget(settings.hostMemoryBytes, reportFootprint);
  // The SDK's own page count covers every block (the input's too); the budget above refuses first.
  const hostPages = Math.ceil((settings.hostMemoryBytes + request.input.byteLength) / PAGE) + 1;
  let instanceMemory: WebAssembly.Memory | undefined;
  try {
    const plugin = await createPlugin(
      { wasm: [{ module }] },
      {
        useWasi: false,
        runInWorker: false,
        functions: { 'extism:host/env': host.functions },
        logger: host.logger,
        // Guest log lines are dropped before they are decoded, so logging cannot grow host memory;
        // no allowed hosts means no HTTP, so there is no response body to bound either.
        logLevel: 'silent',
        memory: { maxPages: hostPages, maxVarBytes: settings.varBytes },
      },
    );
    const exported = (await plugin.getInstance()).exports.memory;
    instanceMemory = exported instanceof WebAssembly.Memory ? exported : undefined;
    reportFootprint();
    try {
      const output = await plugin.call(request.functionName, request.input);
      const bytes = output ? output.bytes() : new Uint8Array(0);
      const refused = hostMemoryRefused(request, host);
      if (refused) return refused;
      if (bytes.byteLength > request.outputBytes) {
        return failure(
          request.id,
          'spell_output_too_large',
          `The spell returned ${bytes.byteLength} bytes; the limit is ${request.outputBytes}.`,
        );
      }
      return { type: 'result', id: request.id, ok: true, output: bytes.slice(), logs: [], logsTruncated: false, memoryBytes: 0 };
    } finally {
      await plugin.close();
    }
  } catch (error) {
    return classify(request, error, host, instanceMemory);
  }
}

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** A cast the host budget stopped: it asked the host to hold more blocks or vars than it may. */
function hostMemoryRefused(request: RunRequest, host: HostBudget): RunReply | undefined {
  const refusal = host.refusal();
  return refusal === undefined ? undefined : failure(request.id, 'spell_memory_exceeded', refusal);
}

/**
 * Turns what the engine threw into one of the platform's error codes. A trap counts as running out
 * of memory when the SDK refused a host allocation, or when the guest's memory had grown past half
 * of its cap (a growing allocator's next request could no longer be met).
 */
function classify(request: RunRequest, error: unknown, host: HostBudget, memory: WebAssembly.Memory | undefined): RunReply {
  const message = error instanceof Error ? error.message : String(error);
  const refused = hostMemoryRefused(request, host);
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
    reportFootprint();
    // The output's buffer is handed over, not copied.
    port.postMessage(reply satisfies WorkerMessage, reply.ok ? [reply.output.buffer as ArrayBuffer] : []);
  });
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
