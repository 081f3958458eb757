import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { CastQueue } from './cast-queue.js';

const QUEUE_NAME = 'casts';

/**
 * Async casts on BullMQ over the platform's Redis: any API instance enqueues, any `spell worker`
 * (or `spell serve` with its in-process worker) takes jobs. The job id is the cast's id, so the
 * same cast queued twice is one job; a job whose worker died is redelivered by BullMQ's stalled
 * check and then finds its cast no longer `queued` (the reconciler fails it as `interrupted`).
 */
export function createBullmqQueue(options: { redisUrl: string; prefix: string; logger: Logger }): CastQueue {
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const prefix = `${options.prefix}bull`;
  // Opened on first use: a process that never queues a cast (a CLI batch job) opens no connection.
  let queue: Queue | undefined;
  const openQueue = () => {
    if (!queue) {
      queue = new Queue(QUEUE_NAME, { connection, prefix });
      queue.on('error', (error) => options.logger.warn({ err: error }, 'cast queue: Redis error'));
    }
    return queue;
  };
  let worker: Worker | undefined;
  return {
    kind: 'bullmq',
    async enqueue(castId, tenantId, { rank }) {
      // A job that throws (the database unreachable mid-claim) is tried again: a claim is safe to repeat.
      await openQueue().add(
        'cast',
        { castId, tenantId },
        { jobId: castId, priority: rank, attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
      );
    },
    async start(fn, { concurrency }) {
      worker = new Worker<{ castId: string; tenantId: string }>(QUEUE_NAME, (job) => fn(job.data), { connection, prefix, concurrency });
      // A job's failure is the cast's business (recorded on the cast); the worker only logs connection trouble.
      worker.on('error', (error) => options.logger.warn({ err: error }, 'cast worker: Redis error'));
      await worker.waitUntilReady();
    },
    async stop() {
      await worker?.close();
      await queue?.close();
      worker = undefined;
      queue = undefined;
    },
  };
}
