/**
 * The worker pool's waiting room: a queue per tenant, served round-robin, so one tenant's flood
 * of slow casts cannot stand in front of everyone else's.
 *
 * Each tenant has a share: how many casts it may run at once and how many more may wait. A tenant
 * under its running share is served before any tenant at or past it; among equals, the tenant
 * served longest ago goes first (one that has not been served yet, first of all). A tenant may run
 * more than its share on workers that would otherwise idle, that is only when no tenant under its
 * share is waiting; when one comes, the pool takes such a worker back (`overShare`, `requeue`).
 * No timers and no workers here: the pool calls in when a cast arrives, when a
 * worker frees up and when a wait times out, so the order is testable without a clock.
 */

/** How much of the pool one tenant may hold. */
export interface TenantShare {
  /** Casts the tenant may run at once while other tenants wait. */
  maxRunning: number;
  /** Casts the tenant may have waiting for a worker; past that it is refused (429). */
  maxQueued: number;
}

/** What became of a cast offered to the queue. */
export type Admission = 'queued' | 'tenant_over_share' | 'pool_saturated';

export interface Dispatch<T> {
  tenantId: string;
  job: T;
  /** Whether the tenant was at or past its running share: it is using a worker nobody else waited for. */
  borrowed: boolean;
}

export interface FairScheduler<T> {
  /**
   * Queues `job` for `tenantId`, or says why not. `idleWorkers` is how many workers are free right
   * now: a cast that one of them will take at once is never refused for a full queue.
   */
  enqueue(tenantId: string, share: TenantShare, job: T, idleWorkers: number): Admission;
  /** Takes the next cast to hand to a free worker, and counts it as running; undefined when none waits. */
  next(): Dispatch<T> | undefined;
  /** A running cast of `tenantId` ended (whatever its outcome). */
  finish(tenantId: string): void;
  /** Puts a running cast of `tenantId` back at the head of its line (its worker was taken back). */
  requeue(tenantId: string, job: T): void;
  /** Whether `tenantId` runs more casts than its share, on workers nobody else was waiting for. */
  overShare(tenantId: string): boolean;
  /** Waiting casts that their tenant's share entitles to a worker now. */
  entitledWaiting(): number;
  /** Takes a waiting cast out (its wait timed out); false when it was no longer waiting. */
  remove(tenantId: string, job: T): boolean;
  /** Takes every waiting cast out, oldest first within each tenant. */
  drain(): T[];
  /** Casts waiting, in all or for one tenant. */
  queued(tenantId?: string): number;
  /** Casts running for one tenant. */
  running(tenantId: string): number;
}

interface TenantState<T> {
  share: TenantShare;
  running: number;
  waiting: T[];
  /** When the tenant was last served (a dispatch counter); 0 if never. */
  lastServed: number;
}

export function createFairScheduler<T>(options: { maxQueued: number }): FairScheduler<T> {
  const tenants = new Map<string, TenantState<T>>();
  let totalQueued = 0;
  let dispatches = 0;

  function stateOf(tenantId: string, share: TenantShare): TenantState<T> {
    let state = tenants.get(tenantId);
    if (!state) {
      state = { share, running: 0, waiting: [], lastServed: 0 };
      tenants.set(tenantId, state);
    }
    // The latest share wins, so a plan change applies from the tenant's next cast.
    state.share = share;
    return state;
  }

  /** Forgets a tenant with nothing running or waiting, so a returning tenant counts as new. */
  function forgetIfIdle(tenantId: string, state: TenantState<T>): void {
    if (state.running === 0 && state.waiting.length === 0) tenants.delete(tenantId);
  }

  /** The waiting tenant to serve next: under its share first, then the one served longest ago. */
  function pick(): [string, TenantState<T>] | undefined {
    let best: [string, TenantState<T>] | undefined;
    for (const entry of tenants) {
      const [, state] = entry;
      if (state.waiting.length === 0) continue;
      if (!best || ranksBefore(state, best[1])) best = entry;
    }
    return best;
  }

  function ranksBefore(a: TenantState<T>, b: TenantState<T>): boolean {
    const aUnder = a.running < a.share.maxRunning;
    const bUnder = b.running < b.share.maxRunning;
    if (aUnder !== bUnder) return aUnder;
    return a.lastServed < b.lastServed;
  }

  return {
    enqueue(tenantId, share, job, idleWorkers) {
      // Nothing waits while a worker idles, so a free worker means this cast starts at once.
      const startsNow = idleWorkers > totalQueued;
      const state = stateOf(tenantId, share);
      if (!startsNow && state.waiting.length >= share.maxQueued) {
        forgetIfIdle(tenantId, state);
        return 'tenant_over_share';
      }
      if (!startsNow && totalQueued >= options.maxQueued) {
        forgetIfIdle(tenantId, state);
        return 'pool_saturated';
      }
      state.waiting.push(job);
      totalQueued += 1;
      return 'queued';
    },

    next() {
      const picked = pick();
      if (!picked) return undefined;
      const [tenantId, state] = picked;
      const job = state.waiting.shift() as T;
      totalQueued -= 1;
      const borrowed = state.running >= state.share.maxRunning;
      state.running += 1;
      dispatches += 1;
      state.lastServed = dispatches;
      return { tenantId, job, borrowed };
    },

    finish(tenantId) {
      const state = tenants.get(tenantId);
      if (!state) return;
      state.running = Math.max(0, state.running - 1);
      forgetIfIdle(tenantId, state);
    },

    requeue(tenantId, job) {
      const state = tenants.get(tenantId);
      if (!state) return;
      state.running = Math.max(0, state.running - 1);
      state.waiting.unshift(job);
      totalQueued += 1;
    },

    overShare(tenantId) {
      const state = tenants.get(tenantId);
      return state !== undefined && state.running > state.share.maxRunning;
    },

    entitledWaiting() {
      let entitled = 0;
      for (const state of tenants.values()) {
        entitled += Math.min(state.waiting.length, Math.max(0, state.share.maxRunning - state.running));
      }
      return entitled;
    },

    remove(tenantId, job) {
      const state = tenants.get(tenantId);
      const at = state ? state.waiting.indexOf(job) : -1;
      if (!state || at === -1) return false;
      state.waiting.splice(at, 1);
      totalQueued -= 1;
      forgetIfIdle(tenantId, state);
      return true;
    },

    drain() {
      const all: T[] = [];
      for (const [tenantId, state] of tenants) {
        all.push(...state.waiting.splice(0));
        forgetIfIdle(tenantId, state);
      }
      totalQueued = 0;
      return all;
    },

    queued(tenantId) {
      if (tenantId === undefined) return totalQueued;
      return tenants.get(tenantId)?.waiting.length ?? 0;
    },

    running(tenantId) {
      return tenants.get(tenantId)?.running ?? 0;
    },
  };
}
