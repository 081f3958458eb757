import type { CastJob, CastQueue, CastWorkerFn } from './cast-queue.js';

interface Entry extends CastJob {
  rank: number;
  seq: number;
  tries: number;
}

/** A job that throws (the database unreachable mid-claim) is tried again this often, waiting twice as long each time. */
const MAX_TRIES = 5;
const RETRY_MS = 1_000;

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

  /** Into the line in (rank, seq) order: after every entry of a lower or the same rank. */
  const insert = (entry: Entry) => {
    let low = 0;
    let high = waiting.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = waiting[mid];
      if (other && other.rank <= entry.rank) low = mid + 1;
      else high = mid;
    }
    waiting.splice(low, 0, entry);
    queueMicrotask(pump);
  };

  const pump = () => {
    while (worker && running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift();
      if (!entry) break;
      const run = worker(entry)
        .then(
          () => {
            known.delete(entry.castId);
          },
          () => {
            if (entry.tries + 1 >= MAX_TRIES) {
              known.delete(entry.castId);
              return;
            }
            const retry = setTimeout(() => insert({ ...entry, tries: entry.tries + 1 }), RETRY_MS * 2 ** entry.tries);
            retry.unref();
          },
        )
        .finally(() => {
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
      insert({ castId, tenantId, rank, seq: seq++, tries: 0 });
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
