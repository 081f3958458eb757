import type { CastJob, CastQueue, CastWorkerFn } from './cast-queue.js';

interface Entry extends CastJob {
  rank: number;
  seq: number;
}

/**
 * The embedded default's queue (PGlite, one process; BullMQ needs Redis): jobs in memory, served
 * lowest rank first, first come first served within a rank, like BullMQ's priorities. Lost with
 * the process, which is why a worker starting up queues every `queued` cast again.
 */
export function createInProcessQueue(): CastQueue {
  const waiting: Entry[] = [];
  const known = new Set<string>();
  const running = new Set<Promise<void>>();
  let worker: CastWorkerFn | undefined;
  let concurrency = 1;
  let seq = 0;

  const pump = () => {
    while (worker && running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift();
      if (!entry) break;
      const run = worker(entry)
        .catch(() => undefined)
        .finally(() => {
          known.delete(entry.castId);
          running.delete(run);
          pump();
        });
      running.add(run);
    }
  };

  return {
    kind: 'in-process',
    enqueue(castId, tenantId, { rank }) {
      if (known.has(castId)) return Promise.resolve();
      known.add(castId);
      const entry = { castId, tenantId, rank, seq: seq++ };
      // Binary search for the first entry that comes after this one: (rank, seq) order.
      let low = 0;
      let high = waiting.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const other = waiting[mid];
        if (other && other.rank <= rank) low = mid + 1;
        else high = mid;
      }
      waiting.splice(low, 0, entry);
      queueMicrotask(pump);
      return Promise.resolve();
    },
    start(fn, options) {
      worker = fn;
      concurrency = options.concurrency;
      pump();
      return Promise.resolve();
    },
    async stop() {
      worker = undefined;
      await Promise.all(running);
    },
  };
}
