/**
 * A spell worker: runs one Extism call at a time, on a fresh instance per cast so no state leaks
 * from one caster to the next. WASI is the platform's sandboxed one (wasi.ts); no host functions,
 * no network, no filesystem; what the spell logs is kept with its result. The pool on
 * the main thread enforces the wall-clock limit by terminating this thread, and its memory bound
 * by reading the footprint this thread reports each time the guest asks the host for memory.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import createPlugin, { type CallContext } from '@extism/extism';
import { DENIED_KERNEL_FUNCTIONS, EXTISM_KERNEL, unprovidedImport, WASI_PREVIEW1 } from './capabilities.js';
import { createHostBudget, type HostBudget } from './host-memory.js';
import { SPELL_LOG_LEVELS, type FailureCode, type RunReply, type RunRequest, type RunTrace, type WorkerMessage, type WorkerSettings } from './protocol.js';
import { createSpellLogs, type SpellLogs } from './spell-logs.js';
import { createSandboxedWasi, SpellExit, type SandboxedWasi } from './wasi.js';
import { DENIED_KERNEL, INIT_EXPORT_PREFIX, SANDBOXED_WASI } from './wasm-linking.js';

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

/** Thrown out of the guest when it calls something it may not (HTTP, a host function). */
class CapabilityDenied extends Error {}

type KernelFunction = (...args: never[]) => unknown;
/** A host function as the SDK calls it: the call context, then the guest's arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the guest's arguments are numbers or bigints, by signature
type HostFunction = (context: CallContext, ...args: any[]) => unknown;

/**
 * The SDK's own kernel functions for a call context, for the one the platform needs and the SDK
 * does not export (`free`, to release a logged block as the SDK's own logging does). The SDK keeps
 * them on the context under a symbol; the platform's replacements are written into the same
 * object, so only functions the platform does not replace are the SDK's here.
 */
function kernelOf(context: CallContext): Record<string, KernelFunction> {
  const symbol = Object.getOwnPropertySymbols(context).find((candidate) => candidate.description === 'env');
  const kernel = symbol && (context as unknown as Record<symbol, unknown>)[symbol];
  if (!kernel || typeof kernel !== 'object') throw new Error('the Extism SDK keeps its kernel elsewhere than expected');
  return kernel as Record<string, KernelFunction>;
}

/** Per-cast state the host functions share. */
interface CastState {
  logs: SpellLogs;
  /** Why the cast was ended at a denied capability, once it was. */
  denied?: string;
}

/**
 * The host functions of one cast: the kernel functions the platform replaces, sandboxed WASI when
 * the module imports it, and, for anything else it imports (only modules uploaded before imports
 * were checked can), a function that ends the cast with `spell_capability_denied` when called.
 */
function hostFunctions(imports: readonly WebAssembly.ModuleImportDescriptor[], host: HostBudget, state: CastState, wasi: SandboxedWasi | undefined, input: Uint8Array) {
  const deny = (reason: string) => {
    state.denied ??= reason;
    throw new CapabilityDenied(reason);
  };
  const kernel: Record<string, HostFunction> = { ...host.functions };
  SPELL_LOG_LEVELS.forEach((level) => {
    kernel[`log_${level}`] = (context: CallContext, address: bigint) => {
      const block = context.read(address);
      if (block) state.logs.add('log', level, new Uint8Array(block.arrayBuffer()));
      kernelOf(context).free?.(address as never);
    };
  });
  kernel.get_log_level = () => 0; // trace: every line reaches the cast's logs, up to their cap
  // The SDK reads 8 bytes of the input with a DataView, which throws past the end of an input
  // shorter than 8 ("Offset is outside the bounds of the DataView"); here the missing bytes read
  // as zeros. The input is copied once, with 8 zero bytes after it.
  const padded = new Uint8Array(input.byteLength + 8);
  padded.set(input);
  const inputView = new DataView(padded.buffer);
  kernel.input_load_u64 = (_context: CallContext, address: bigint) => {
    const offset = Number(BigInt(address) & ((1n << 48n) - 1n));
    return offset <= input.byteLength ? inputView.getBigUint64(offset, true) : 0n;
  };
  const functions: Record<string, Record<string, HostFunction>> = { [EXTISM_KERNEL]: kernel };
  if (wasi) functions[SANDBOXED_WASI] = { ...wasi.functions };
  for (const entry of imports) {
    if (entry.module === DENIED_KERNEL) {
      const denied = (functions[DENIED_KERNEL] ??= {});
      denied[entry.name] = () => deny(`The spell called ${entry.name}: spells cannot make ${DENIED_KERNEL_FUNCTIONS[entry.name] ?? 'that call'}.`);
      continue;
    }
    const original = entry.module === SANDBOXED_WASI ? { ...entry, module: WASI_PREVIEW1 } : entry;
    const reason = unprovidedImport(original);
    if (!reason || entry.kind !== 'function') continue;
    const namespace = (functions[entry.module] ??= {});
    namespace[entry.name] = () => deny(`The spell called ${original.module}.${original.name}, which ${reason.replace(/^\S+ is /, 'is ')}.`);
  }
  return functions;
}

/** Runs the module's initialiser (renamed at compile, see wasm-linking.ts), as the SDK would. */
function initialise(instance: WebAssembly.Instance): void {
  const exported = (name: string) => {
    const value = instance.exports[INIT_EXPORT_PREFIX + name];
    return typeof value === 'function' ? (value as () => unknown) : undefined;
  };
  const reactor = exported('_initialize');
  const haskell = exported('hs_init');
  if (reactor) reactor();
  if (haskell) haskell();
  const command = reactor || haskell ? undefined : exported('_start');
  try {
    command?.();
  } catch (error) {
    // A command's `main` that returns 0 may still end with `proc_exit(0)`.
    if (!(error instanceof SpellExit && error.exitCode === 0)) throw error;
  }
}

async function run(request: RunRequest): Promise<RunReply> {
  const module = request.module ?? modules.get(request.moduleKey);
  if (!module) return failure(request.id, 'spell_failed', 'the compiled module was not available to the worker');
  if (request.module) remember(request.moduleKey, request.module);

  const state: CastState = { logs: createSpellLogs(settings.logChars) };
  let memory: WebAssembly.Memory | undefined;
  const trace = (): RunTrace => ({ ...state.logs.finish(), memoryBytes: memory?.buffer.byteLength ?? 0 });
  const failed = (code: FailureCode, message: string, extra: { exitCode?: number } = {}): RunReply => ({ ...failure(request.id, code, message), ...extra, ...trace() });

  // A module importing anything but functions never gets here: the pool refuses it (inspect.ts).
  const imports = WebAssembly.Module.imports(module);
  const host = createHostBudget(settings.hostMemoryBytes, reportFootprint);
  const wasi = imports.some((entry) => entry.module === SANDBOXED_WASI) ? createSandboxedWasi(state.logs) : undefined;
  // The SDK's own page count covers every block (the input's too); the budget above refuses first.
  const hostPages = Math.ceil((settings.hostMemoryBytes + request.input.byteLength) / PAGE) + 1;
  try {
    const plugin = await createPlugin(
      { wasm: [{ module }] },
      {
        useWasi: false,
        runInWorker: false,
        functions: hostFunctions(imports, host, state, wasi, request.input),
        logger: host.logger,
        // The SDK's own log calls are replaced (hostFunctions); no allowed hosts means no HTTP.
        logLevel: 'silent',
        memory: { maxPages: hostPages, maxVarBytes: settings.varBytes },
      },
    );
    try {
      const instance = await plugin.getInstance();
      const exported = instance.exports.memory;
      memory = exported instanceof WebAssembly.Memory ? exported : undefined;
      wasi?.attach(instance);
      reportFootprint();
      let bytes: Uint8Array;
      try {
        initialise(instance);
        const output = await plugin.call(request.functionName, request.input);
        bytes = output ? output.bytes() : new Uint8Array(0);
      } catch (error) {
        if (!(error instanceof SpellExit && error.exitCode === 0 && state.denied === undefined)) throw error;
        // `proc_exit(0)` ends the cast as a success. The SDK drops what the call had set as its
        // output when the call does not return, so the output is empty.
        bytes = new Uint8Array(0);
      }
      if (state.denied !== undefined) return failed('spell_capability_denied', state.denied);
      const refused = host.refusal();
      if (refused) return failed('spell_memory_exceeded', refused);
      if (bytes.byteLength > request.outputBytes) {
        return failed('spell_output_too_large', `The spell returned ${bytes.byteLength} bytes; the limit is ${request.outputBytes}.`);
      }
      return { type: 'result', id: request.id, ok: true, output: bytes.slice(), ...trace() };
    } finally {
      await plugin.close();
    }
  } catch (error) {
    const [code, message, exitCode] = classify(request, error, host, state, memory);
    return failed(code, message, exitCode === undefined ? {} : { exitCode });
  }
}

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/**
 * Turns what the engine threw into one of the platform's error codes, in words for the spell's
 * creator (never the SDK's own). A trap counts as running out of memory when the SDK refused a
 * host allocation, or when the guest's memory had grown past half of its cap (a growing
 * allocator's next request could no longer be met).
 */
function classify(
  request: RunRequest,
  error: unknown,
  host: HostBudget,
  state: CastState,
  memory: WebAssembly.Memory | undefined,
): [FailureCode, string, number?] {
  const message = error instanceof Error ? error.message : String(error);
  // A guest that catches what a host function threw does not get past it.
  if (state.denied !== undefined) return ['spell_capability_denied', state.denied];
  const refused = host.refusal();
  if (refused) return ['spell_memory_exceeded', refused];
  if (error instanceof SpellExit) return ['spell_failed', `The spell exited with code ${error.exitCode}.`, error.exitCode];
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return ['spell_trapped', 'The spell exhausted its call stack (recursion too deep).'];
  }
  if (error instanceof WebAssembly.RuntimeError) {
    if (memory && memory.buffer.byteLength * 2 > request.memoryBytes) {
      return ['spell_memory_exceeded', `The spell ran out of memory at its ${mib(request.memoryBytes)} cap.`];
    }
    return ['spell_trapped', `The spell trapped: ${message}.`];
  }
  const pluginError = /^Plugin-originated error: ([\s\S]*)$/.exec(message);
  if (pluginError) return ['spell_failed', pluginError[1] || 'The spell reported an error.'];
  if (/^Plugin error: function ".*" does not exist$/.test(message)) {
    return ['spell_failed', `The spell's module exports no function named "${request.functionName}".`];
  }
  if (error instanceof Error && error.name === 'LinkError') return ['spell_failed', `The spell's module could not be linked: ${message.replace(/^WebAssembly\.\w+\(\): /, '')}.`];
  return ['spell_failed', 'The spell stopped with an error in the host; nothing of it reached the output.'];
}

port.on('message', (request: RunRequest) => {
  void run(request).then((reply) => {
    reportFootprint();
    // The output's buffer is handed over, not copied.
    port.postMessage(reply satisfies WorkerMessage, reply.ok ? [reply.output.buffer as ArrayBuffer] : []);
  });
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
