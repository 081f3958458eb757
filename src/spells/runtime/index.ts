/**
 * The spell runtime: a pool of worker threads that run Extism plug-ins off the event loop.
 *
 * The pool owns every guarantee a cast relies on. Each cast gets a wall-clock limit (a worker that
 * overruns is terminated and replaced), a memory cap (the module's declared memory maximum is
 * rewritten before compiling, so the engine itself refuses `memory.grow` past it), a budget for
 * what it makes the host hold (Extism blocks and vars), and an output cap. A watchdog ends a worker
 * whose reported memory passes its bound, so it dies alone. Modules are checked against structural
 * limits and compiled once per (hash, memory cap) in a compile worker, never on the main thread,
 * and handed to workers, which keep them; each cast instantiates afresh so no state leaks between
 * casters. Casts wait for a worker in one line per tenant (`scheduler.ts`), served round-robin, so
 * one tenant's runaway casts do not hold up the others'.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createCompileCache } from './compile-cache.js';
import { createModuleCompiler } from './compiler.js';
import { inspection, type ModuleInspection, type ModuleRefusal } from './inspect.js';
import type { FailureCode, RunReply, RunRequest, RunTrace, WorkerMessage, WorkerSettings } from './protocol.js';
import { createFairScheduler, type TenantShare } from './scheduler.js';
import { DEFAULT_MODULE_LIMITS, type ModuleLimits } from './wasm-structure.js';
import { workerEntry } from './worker-entry.js';

export { inspectWasmModule, type ModuleInspection, type ModuleRefusal } from './inspect.js';

export { SPELL_LOG_LEVELS, SPELL_LOG_STREAMS, type FailureCode, type RunTrace, type SpellLogLine } from './protocol.js';
export type { TenantShare } from './scheduler.js';

export interface RunLimits {
  timeoutMs: number;
  memoryBytes: number;
  outputBytes: number;
}

export interface RunParams {
  /** SHA-256 of the module; with the memory cap it keys the compile cache. */
  moduleHash: string;
  /** Called only when the module is not compiled yet. */
  loadModule: () => Promise<Uint8Array>;
  functionName: string;
  input: Uint8Array;
  limits: RunLimits;
  /**
   * Who casts: the pool serves tenants round-robin and holds each to its share. Casts without one
   * (local tools) share one anonymous tenant that only the pool's queue bounds.
   */
  tenant?: RunTenant;
  /**
   * Called when a worker takes the cast, after any wait for one (again if a lent worker was taken
   * back and the cast starts over). `durationMs` counts from the last start.
   */
  onStart?: () => void;
}

export interface RunTenant {
  id: string;
  /** The tenant's plan's share, where it differs from the pool's default. */
  share?: Partial<TenantShare>;
}

/**
 * Why a cast got no worker: its tenant is over its share (`tenant`, answered 429) or the whole
 * pool is saturated or shutting down (`pool`, answered 503).
 */
export interface RuntimeBusy {
  scope: 'tenant' | 'pool';
  /** When a worker will have freed up at the latest (for the tenant, one of its own). */
  retryAfterSeconds: number;
}

/**
 * A cast's result with what it left behind (`RunTrace`). A cast the pool ended (time limit, a
 * worker stopped, no worker free) has no logs: its worker's are lost with it.
 */
export type RunResult = Outcome & { durationMs: number };

export interface RuntimeStats {
  /** Workers the pool keeps (including ones being replaced). */
  size: number;
  busy: number;
  queued: number;
  /** Workers terminated and replaced since start (timeouts, crashes). */
  restarts: number;
}

export interface SpellRuntime {
  run(params: RunParams): Promise<RunResult>;
  /** Upload-time checks, in the compile worker with the runtime's module limits. */
  inspect(bytes: Uint8Array): Promise<ModuleInspection | ModuleRefusal>;
  stats(): RuntimeStats;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Worker threads; defaults to the machine's available parallelism. */
  size?: number;
  /** Casts allowed to wait for a worker before new ones are refused with `runtime_busy`. */
  maxQueue?: number;
  /**
   * Each tenant's default share of the pool: by default it may run half the workers (at least one)
   * while others wait, and have 64 more waiting.
   */
  tenantShare?: Partial<TenantShare>;
  /** How long a cast may wait for a worker before it is refused with `runtime_busy`. */
  maxQueueWaitMs?: number;
  /** Compiled modules kept on the main thread. */
  compileCacheSize?: number;
  /** Structural limits for uploads and casts; `maxMemoryBytes` also caps declared memory at upload. */
  moduleLimits?: Partial<ModuleLimits>;
  /** Wall-clock bound on checking and compiling one module. */
  compileTimeoutMs?: number;
  /** Host-side blocks (input, allocations, output) one cast may hold at once. */
  hostMemoryBytes?: number;
  /** Extism vars one cast may keep. */
  varBytes?: number;
  /** Characters of log lines (Extism `log_*`, WASI stdout and stderr) one cast keeps; 16 Ki by default. */
  logChars?: number;
  /** A worker whose JS heap plus external memory passes this is ended and its cast failed. */
  workerMemoryBytes?: number;
}

const MiB = 1024 * 1024;

/**
 * How long a cast lent a worker past its tenant's share may run before the worker is taken back
 * for a cast within its share: about what starting a worker costs.
 */
const RECLAIM_AFTER_MS = 50;

/** How often the watchdog reads the workers' footprints while casts run. */
const WATCHDOG_INTERVAL_MS = 50;

type Outcome =
  | ({ ok: true; output: Uint8Array } & RunTrace)
  | ({ ok: false; code: FailureCode; message: string; exitCode?: number; busy?: RuntimeBusy } & RunTrace);

/** A worker's reply as the cast's outcome: everything but the message's own fields. */
function outcomeOf(reply: RunReply): Outcome {
  const outcome: Partial<RunReply> = { ...reply };
  delete outcome.type;
  delete outcome.id;
  return outcome as Outcome;
}

const NO_TRACE: RunTrace = { logs: [], logsTruncated: false, memoryBytes: 0 };

/** A cast the pool itself ended: nothing of the worker's trace survives. */
const ended = (code: FailureCode, message: string, busy?: RuntimeBusy): Outcome => ({ ok: false, code, message, ...NO_TRACE, ...(busy ? { busy } : {}) });

interface Job {
  tenantId: string;
  request: Omit<RunRequest, 'type' | 'id' | 'module'>;
  module: WebAssembly.Module;
  timeoutMs: number;
  resolve: (outcome: Outcome) => void;
  onStart?: (() => void) | undefined;
  queueTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /**
   * `deadline` is when the cast's time limit ends it, on `performance.now()`'s clock; `waiting` is
   * the job as it waited, to put back in line if the worker is taken back.
   */
  job?: Job & { id: number; timer: NodeJS.Timeout; deadline: number; waiting: Job };
  /** Module keys this worker already holds. */
  seen: Set<string>;
  /** The worker's last reported JS heap plus external memory, in bytes. */
  footprint: Float64Array;
}

const busy = (message: string, cause: RuntimeBusy = { scope: 'pool', retryAfterSeconds: 1 }): Outcome => ended('runtime_busy', message, cause);

export function createSpellRuntime(options: RuntimeOptions = {}): SpellRuntime {
  const size = Math.max(1, options.size ?? availableParallelism());
  const maxQueue = options.maxQueue ?? 1000;
  const maxQueueWaitMs = options.maxQueueWaitMs ?? 30_000;
  const compileCacheSize = options.compileCacheSize ?? 128;
  const moduleLimits: ModuleLimits = { ...DEFAULT_MODULE_LIMITS, ...options.moduleLimits };
  const hostMemoryBytes = options.hostMemoryBytes ?? 64 * MiB;
  const varBytes = options.varBytes ?? MiB;
  const logChars = options.logChars ?? 16 * 1024;
  const workerMemoryBytes = options.workerMemoryBytes ?? 512 * MiB;
  const compiler = createModuleCompiler({ timeoutMs: options.compileTimeoutMs ?? 5_000 });
  const entry = workerEntry('worker');
  const slots = new Set<Slot>();
  const queue = createFairScheduler<Job>({ maxQueued: maxQueue });
  const defaultShare: TenantShare = {
    maxRunning: options.tenantShare?.maxRunning ?? Math.max(1, Math.floor(size / 2)),
    maxQueued: options.tenantShare?.maxQueued ?? 64,
  };
  let reclaimTimer: NodeJS.Timeout | undefined;
  const compileCache = createCompileCache(compiler, moduleLimits, compileCacheSize);
  let nextId = 1;
  let restarts = 0;
  let closed = false;

  function spawn(): void {
    const settings: WorkerSettings = { footprint: new SharedArrayBuffer(8), hostMemoryBytes, varBytes, logChars };
    const worker = new Worker(entry.entry, {
      eval: entry.eval,
      execArgv: ['--disable-warning=ExperimentalWarning'],
      workerData: settings,
      // Nothing a worker prints reaches the server's own output: a spell's lines go to its logs.
      stdout: true,
      stderr: true,
      // The JS heap of a worker holds only the SDK's bookkeeping; guest memory is capped separately.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, seen: new Set(), footprint: new Float64Array(settings.footprint) };
    slots.add(slot);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      clearTimeout(job.timer);
      slot.job = undefined;
      job.resolve(outcomeOf(message));
      dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      replace(
        slot,
        outOfMemory
          ? ended('spell_memory_exceeded', 'The spell exhausted its worker’s memory.')
          : ended('spell_failed', `The spell’s worker stopped: ${error.message}`),
      );
    });
    worker.on('exit', () => {
      if (slots.has(slot)) replace(slot, ended('spell_failed', 'The spell’s worker exited.'));
    });
  }

  /** Takes a worker out of the pool, fails its cast with `outcome`, and starts a fresh one. */
  function replace(slot: Slot, outcome: Outcome): void {
    if (!slots.delete(slot)) return;
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.resolve(outcome);
    }
    void slot.worker.terminate();
    if (closed) return;
    restarts += 1;
    spawn();
  }

  /**
   * Ends every busy worker whose footprint passed its bound. Workers report from inside the
   * guest's calls for memory, which is how a guest grows host memory at all.
   */
  function watchMemory(): void {
    for (const slot of slots) {
      const footprint = slot.footprint[0] ?? 0;
      if (!slot.job || footprint <= workerMemoryBytes) continue;
      replace(
        slot,
        ended(
          'spell_memory_exceeded',
          `The spell’s worker grew to ${Math.round(footprint / MiB)} MiB, past its ${Math.round(workerMemoryBytes / MiB)} MiB bound, and was stopped.`,
        ),
      );
    }
  }
  const watchdog = setInterval(watchMemory, WATCHDOG_INTERVAL_MS);
  watchdog.unref();

  /** Hands waiting casts to free workers, in the scheduler's order (round-robin across tenants). */
  function dispatch(): void {
    for (const slot of slots) {
      if (!slot.ready || slot.job) continue;
      const next = queue.next();
      if (!next) return;
      const job = withFinish(next.job);
      clearTimeout(job.queueTimer);
      const id = nextId++;
      const send: RunRequest = { ...job.request, type: 'run', id };
      if (!slot.seen.has(job.request.moduleKey)) {
        send.module = job.module;
        slot.seen.add(job.request.moduleKey);
      }
      const timer = setTimeout(() => {
        replace(slot, ended('spell_timeout', `The spell ran past its ${job.timeoutMs} ms limit and was stopped.`));
      }, job.timeoutMs);
      slot.job = { ...job, id, timer, deadline: performance.now() + job.timeoutMs, waiting: next.job };
      // What the worker reported after its last cast is not this cast's; it reports afresh.
      slot.footprint[0] = 0;
      slot.worker.postMessage(send);
      try {
        job.onStart?.();
      } catch {
        // The caller's bookkeeping never stops a cast.
      }
    }
  }

  /** Refuses a waiting cast that no worker took within `maxQueueWaitMs`. */
  function startWaitTimer(job: Job): void {
    job.queueTimer = setTimeout(() => {
      if (queue.remove(job.tenantId, job)) job.resolve(busy(`No spell worker became free within ${maxQueueWaitMs} ms.`));
    }, maxQueueWaitMs);
  }

  /**
   * Takes back workers lent to tenants past their share once casts within their share wait for
   * one: a running spell cannot be paused, so the lent cast goes back to the head of its tenant's
   * line and its worker is replaced. A cast within its share then waits for a worker to start, not
   * for a runaway cast's time limit. A lent cast younger than `RECLAIM_AFTER_MS` is given until
   * then to finish, since waiting for a short cast is cheaper than replacing its worker.
   */
  function reclaimLentWorkers(): void {
    clearTimeout(reclaimTimer);
    if (closed) return;
    let starting = 0;
    for (const slot of slots) if (!slot.ready) starting += 1;
    for (let shortfall = queue.entitledWaiting() - idleWorkers() - starting; shortfall > 0; shortfall -= 1) {
      const now = performance.now();
      let newest: Slot | undefined;
      let youngestWaitMs = Number.POSITIVE_INFINITY;
      for (const slot of slots) {
        if (!slot.job || !queue.overShare(slot.job.tenantId)) continue;
        const ageMs = now - (slot.job.deadline - slot.job.timeoutMs);
        if (ageMs < RECLAIM_AFTER_MS) youngestWaitMs = Math.min(youngestWaitMs, RECLAIM_AFTER_MS - ageMs);
        else if (!newest?.job || slot.job.deadline - slot.job.timeoutMs > newest.job.deadline - newest.job.timeoutMs) newest = slot;
      }
      const lent = newest?.job;
      if (!newest || !lent) {
        if (Number.isFinite(youngestWaitMs)) reclaimTimer = setTimeout(reclaimLentWorkers, Math.ceil(youngestWaitMs)).unref();
        return;
      }
      newest.job = undefined;
      clearTimeout(lent.timer);
      queue.requeue(lent.tenantId, lent.waiting);
      startWaitTimer(lent.waiting);
      replace(newest, busy('The worker was taken back.'));
    }
  }

  /** The job whose outcome, however it comes (result, timeout, crash, shutdown), frees its tenant's place. */
  function withFinish(job: Job): Job {
    let finished = false;
    return {
      ...job,
      resolve: (outcome) => {
        if (finished) return;
        finished = true;
        queue.finish(job.tenantId);
        job.resolve(outcome);
      },
    };
  }

  function idleWorkers(): number {
    let idle = 0;
    for (const slot of slots) if (slot.ready && !slot.job) idle += 1;
    return idle;
  }

  /** Seconds until a running cast (of `tenantId`, when given) is sure to have ended: its time limit. */
  function secondsUntilFree(tenantId?: string): number {
    const now = performance.now();
    let soonest = Number.POSITIVE_INFINITY;
    for (const slot of slots) {
      if (slot.job && (tenantId === undefined || slot.job.tenantId === tenantId)) soonest = Math.min(soonest, slot.job.deadline - now);
    }
    return Number.isFinite(soonest) ? Math.max(1, Math.ceil(soonest / 1000)) : 1;
  }

  async function execute(params: RunParams): Promise<Outcome> {
    if (closed) return busy('The spell runtime is shutting down.');
    const { key, result } = compileCache.get(params.moduleHash, params.limits.memoryBytes, params.loadModule);
    const module = await result;
    if (closed) return busy('The spell runtime is shutting down.');
    if (!module.ok) return ended(module.code, module.message);
    const tenantId = params.tenant?.id ?? '';
    // A cast with no tenant (a local tool's) is bounded only by the pool's own queue.
    const share = params.tenant ? { ...defaultShare, ...params.tenant.share } : { maxRunning: size, maxQueued: maxQueue };
    return new Promise<Outcome>((resolve) => {
      const job: Job = {
        tenantId,
        request: {
          moduleKey: key,
          functionName: params.functionName,
          input: params.input,
          memoryBytes: params.limits.memoryBytes,
          outputBytes: params.limits.outputBytes,
        },
        module: module.module,
        timeoutMs: params.limits.timeoutMs,
        resolve,
        onStart: params.onStart,
      };
      const admission = queue.enqueue(tenantId, share, job, idleWorkers());
      if (admission === 'tenant_over_share') {
        const retryAfterSeconds = secondsUntilFree(tenantId);
        resolve(busy(`This account already has ${queue.running(tenantId)} casts running and ${queue.queued(tenantId)} waiting, its share of the spell workers; retry in ${retryAfterSeconds} s.`, { scope: 'tenant', retryAfterSeconds }));
        return;
      }
      if (admission === 'pool_saturated') {
        resolve(busy('Every spell worker is busy and the queue is full; try again shortly.', { scope: 'pool', retryAfterSeconds: secondsUntilFree() }));
        return;
      }
      startWaitTimer(job);
      reclaimLentWorkers();
      dispatch();
    });
  }

  for (let i = 0; i < size; i += 1) spawn();

  return {
    async run(params) {
      // From the cast's start on a worker: the wait for one is not the spell's time.
      let started = performance.now();
      const onStart = () => {
        started = performance.now();
        params.onStart?.();
      };
      const outcome = await execute({ ...params, onStart });
      return { ...outcome, durationMs: performance.now() - started };
    },
    async inspect(bytes) {
      return inspection(await compiler.compile(bytes, { limits: moduleLimits }));
    },
    stats() {
      let inUse = 0;
      for (const slot of slots) if (slot.job) inUse += 1;
      return { size: slots.size, busy: inUse, queued: queue.queued(), restarts };
    },
    async close() {
      closed = true;
      clearInterval(watchdog);
      await compiler.close();
      for (const job of queue.drain()) {
        clearTimeout(job.queueTimer);
        job.resolve(busy('The spell runtime is shutting down.'));
      }
      const all = [...slots];
      slots.clear();
      await Promise.all(
        all.map((slot) => {
          if (slot.job) {
            clearTimeout(slot.job.timer);
            slot.job.resolve(busy('The spell runtime is shutting down.'));
          }
          return slot.worker.terminate();
        }),
      );
    },
  };
}
