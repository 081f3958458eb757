/**
 * The one interface async casts are queued through. A job is only a cast's id: the cast row is
 * the truth (its status, its input, its hold), so a job delivered twice, late or after the cast
 * was canceled is harmless — the worker's claim (`claimQueuedCast`) decides whether it runs.
 */
export interface CastJob {
  castId: string;
  tenantId: string;
}

/** Runs one job; resolves once the cast reached a final state or was found not to be queued. */
export type CastWorkerFn = (job: CastJob) => Promise<void>;

export interface CastQueue {
  /** `BullMQ` on Redis, or `in-process`. */
  readonly kind: 'bullmq' | 'in-process';
  /**
   * Queues a cast. `rank` is the per-tenant dispatcher's word (`nextQueueRank`): the queue serves
   * the lowest rank first, first come first served within one. The same cast queued twice runs once.
   */
  enqueue(castId: string, tenantId: string, options: { rank: number }): Promise<void>;
  /** Starts taking jobs, `concurrency` at a time. */
  start(worker: CastWorkerFn, options: { concurrency: number }): Promise<void>;
  /** Stops taking jobs and waits for those running; closes its connections. */
  stop(): Promise<void>;
}
