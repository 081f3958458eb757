/**
 * Compiles modules in a worker thread, one at a time, so that no compile ever runs on the main
 * thread. A compile that runs past `timeoutMs` is answered as refused at once and its thread
 * terminated and replaced. (V8 finishes a compile step already under way before the thread
 * stops; the structural limits keep such a step short.)
 */
import { Worker } from 'node:worker_threads';
import type { CompileOutcome, CompileRequest, CompileWorkerMessage } from './protocol.js';
import { workerEntry } from './worker-entry.js';
import type { ModuleLimits } from './wasm-structure.js';

export type { CompileOutcome } from './protocol.js';

export interface ModuleCompiler {
  compile(bytes: Uint8Array, options: { limits: ModuleLimits; memoryPages?: number }): Promise<CompileOutcome>;
  close(): Promise<void>;
}

interface Pending {
  request: Omit<CompileRequest, 'id'>;
  resolve: (outcome: CompileOutcome) => void;
}

interface CompileThread {
  worker: Worker;
  ready: boolean;
  current?: Pending & { id: number; timer: NodeJS.Timeout };
}

export interface CompilerOptions {
  /** Wall-clock bound on one compile, structural checks included. */
  timeoutMs: number;
  /** Let the process exit while the thread is idle (for a compiler nobody closes). */
  unref?: boolean;
}

export function createModuleCompiler(options: CompilerOptions): ModuleCompiler {
  const entry = workerEntry('compile-worker');
  const queue: Pending[] = [];
  let thread: CompileThread | undefined;
  let nextId = 1;
  let closed = false;

  function start(): CompileThread {
    const worker = new Worker(entry.entry, {
      eval: entry.eval,
      execArgv: ['--disable-warning=ExperimentalWarning'],
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    if (options.unref) worker.unref();
    const started: CompileThread = { worker, ready: false };
    worker.on('message', (message: CompileWorkerMessage) => {
      if (message.type === 'ready') {
        started.ready = true;
      } else if (started.current?.id === message.id) {
        finish(started, message);
      }
      next();
    });
    const fail = (reason: string) => stop(started, { ok: false, failure: 'compiler', reason });
    worker.on('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'compiling it exhausted the compiler’s memory' : `the compiler stopped: ${error.message}`),
    );
    worker.on('exit', () => fail('the compiler exited'));
    return started;
  }

  function finish(owner: CompileThread, outcome: CompileOutcome): void {
    const current = owner.current;
    if (!current) return;
    owner.current = undefined;
    clearTimeout(current.timer);
    current.resolve(outcome);
  }

  /** Ends a thread (answering its compile with `outcome`); the next compile starts a new one. */
  function stop(owner: CompileThread, outcome: CompileOutcome): void {
    finish(owner, outcome);
    if (thread !== owner) return;
    thread = undefined;
    // A thread that dies before it is ready fails the next compile, so a broken one is not retried forever.
    if (!owner.ready) queue.shift()?.resolve(outcome);
    void owner.worker.terminate();
    next();
  }

  function next(): void {
    if (closed || queue.length === 0) return;
    thread ??= start();
    if (!thread.ready || thread.current) return;
    const pending = queue.shift() as Pending;
    const owner = thread;
    const id = nextId++;
    const timer = setTimeout(() => {
      stop(owner, { ok: false, failure: 'compile_time', reason: `compiling it took longer than ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    owner.current = { ...pending, id, timer };
    owner.worker.postMessage({ ...pending.request, id } satisfies CompileRequest);
  }

  return {
    compile(bytes, { limits, memoryPages }) {
      if (closed) return Promise.resolve({ ok: false, failure: 'compiler', reason: 'the compiler is shutting down' });
      return new Promise((resolve) => {
        queue.push({ request: { bytes, limits, ...(memoryPages === undefined ? {} : { memoryPages }) }, resolve });
        next();
      });
    },
    async close() {
      closed = true;
      const shutdown = { ok: false as const, failure: 'compiler' as const, reason: 'the compiler is shutting down' };
      for (const pending of queue.splice(0)) pending.resolve(shutdown);
      const owner = thread;
      thread = undefined;
      if (!owner) return;
      finish(owner, shutdown);
      await owner.worker.terminate();
    },
  };
}
