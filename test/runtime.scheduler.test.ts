import { describe, expect, it } from 'vitest';
import { createFairScheduler, type TenantShare } from '../src/spells/runtime/scheduler.js';

const share: TenantShare = { maxRunning: 1, maxQueued: 10 };

/** Takes casts off the queue as `workers` free workers would, and names them in order. */
function dispatchAll(scheduler: ReturnType<typeof createFairScheduler<string>>, workers = Number.POSITIVE_INFINITY): string[] {
  const order: string[] = [];
  for (let i = 0; i < workers; i += 1) {
    const next = scheduler.next();
    if (!next) break;
    order.push(next.job);
  }
  return order;
}

describe('runtime.scheduler: order', () => {
  it('serves tenants round-robin, not in arrival order', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    const roomy = { maxRunning: 10, maxQueued: 10 };
    for (const job of ['a1', 'a2', 'a3', 'a4']) scheduler.enqueue('a', roomy, job, 0);
    for (const job of ['b1', 'b2']) scheduler.enqueue('b', roomy, job, 0);
    scheduler.enqueue('c', roomy, 'c1', 0);
    expect(dispatchAll(scheduler)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('serves a newcomer before a tenant that is already running its share', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    for (const job of ['loop1', 'loop2', 'loop3', 'loop4']) scheduler.enqueue('noisy', share, job, 0);
    expect(dispatchAll(scheduler, 1)).toEqual(['loop1']);
    scheduler.enqueue('victim', share, 'quick', 0);
    expect(dispatchAll(scheduler, 1)).toEqual(['quick']);
    expect(dispatchAll(scheduler, 1)).toEqual(['loop2']);
  });

  it('keeps serving a tenant under its share before one at or past it, whoever came first', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    for (const job of ['n1', 'n2', 'n3']) scheduler.enqueue('noisy', share, job, 0);
    expect(dispatchAll(scheduler, 1)).toEqual(['n1']);
    scheduler.enqueue('victim', share, 'v1', 0);
    scheduler.enqueue('victim', share, 'v2', 0);
    // v1 runs; the victim is then at its share too, so the next turn is the one served longest ago.
    expect(dispatchAll(scheduler, 2)).toEqual(['v1', 'n2']);
    scheduler.finish('victim');
    expect(dispatchAll(scheduler, 1)).toEqual(['v2']);
  });

  it('lets a tenant use workers past its share only while no tenant under its share waits', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    for (const job of ['n1', 'n2', 'n3', 'n4']) scheduler.enqueue('noisy', share, job, 0);
    // Nobody else waits: idle workers go to the noisy tenant, marked as borrowed past the first.
    expect([scheduler.next(), scheduler.next()].map((next) => [next?.job, next?.borrowed])).toEqual([
      ['n1', false],
      ['n2', true],
    ]);
    expect(scheduler.running('noisy')).toBe(2);
    scheduler.enqueue('victim', share, 'v1', 0);
    scheduler.finish('noisy');
    // Still at its share after one finished: the freed worker goes to the victim, not to n3.
    expect(scheduler.next()).toEqual({ tenantId: 'victim', job: 'v1', borrowed: false });
    expect(scheduler.next()).toMatchObject({ tenantId: 'noisy', job: 'n3', borrowed: true });
  });

  it('tells which tenant runs past its share, and a worker taken back puts its cast first in line', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    for (const job of ['n1', 'n2', 'n3']) scheduler.enqueue('noisy', share, job, 0);
    dispatchAll(scheduler, 2);
    expect(scheduler.overShare('noisy')).toBe(true);
    scheduler.enqueue('victim', share, 'v1', 0);
    // One waiting cast is entitled to a worker (the victim's); the noisy tenant's n3 is not.
    expect(scheduler.entitledWaiting()).toBe(1);
    scheduler.requeue('noisy', 'n2');
    expect(scheduler.overShare('noisy')).toBe(false);
    expect(dispatchAll(scheduler)).toEqual(['v1', 'n2', 'n3']);
  });

  it('applies the share of a tenant’s latest cast brings (a plan change) to its waiting casts', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    scheduler.enqueue('a', share, 'a1', 0);
    scheduler.enqueue('a', { maxRunning: 2, maxQueued: 10 }, 'a2', 0);
    expect([scheduler.next(), scheduler.next()].map((next) => next?.borrowed)).toEqual([false, false]);
  });
});

describe('runtime.scheduler: caps', () => {
  it('refuses a tenant past its queued share while another tenant is still queued', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    const small = { maxRunning: 1, maxQueued: 2 };
    expect(['a1', 'a2', 'a3'].map((job) => scheduler.enqueue('a', small, job, 0))).toEqual(['queued', 'queued', 'tenant_over_share']);
    expect(scheduler.enqueue('b', small, 'b1', 0)).toBe('queued');
    expect(scheduler.queued('a')).toBe(2);
    expect(scheduler.queued()).toBe(3);
  });

  it('refuses anyone once the whole queue is full, and within their share that is the pool, not the tenant', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 3 });
    for (const job of ['a1', 'a2']) scheduler.enqueue('a', share, job, 0);
    expect(scheduler.enqueue('b', share, 'b1', 0)).toBe('queued');
    expect(scheduler.enqueue('c', share, 'c1', 0)).toBe('pool_saturated');
    expect(scheduler.queued('c')).toBe(0);
  });

  it('never refuses a cast a free worker takes at once, whatever the caps', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 0 });
    expect(scheduler.enqueue('a', { maxRunning: 1, maxQueued: 0 }, 'a1', 1)).toBe('queued');
    expect(scheduler.next()).toMatchObject({ job: 'a1' });
    expect(scheduler.enqueue('a', { maxRunning: 1, maxQueued: 0 }, 'a2', 0)).toBe('tenant_over_share');
  });

  it('takes a timed-out cast out of the line and every waiting cast out at shutdown', () => {
    const scheduler = createFairScheduler<string>({ maxQueued: 100 });
    for (const job of ['a1', 'a2']) scheduler.enqueue('a', share, job, 0);
    scheduler.enqueue('b', share, 'b1', 0);
    expect(scheduler.remove('a', 'a1')).toBe(true);
    expect(scheduler.remove('a', 'a1')).toBe(false);
    expect(scheduler.queued()).toBe(2);
    expect(scheduler.drain().sort()).toEqual(['a2', 'b1']);
    expect(scheduler.queued()).toBe(0);
    expect(scheduler.next()).toBeUndefined();
  });
});
