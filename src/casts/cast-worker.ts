import { eq } from 'drizzle-orm';
import { spells, spellVersions, tenants } from '../db/schema.js';
import type { Services } from '../services.js';
import { claimQueuedCast, listQueuedCasts, markCastStarted, type ClaimedCast } from './async-lifecycle.js';
import { emitCastFinalEvent } from './cast-events.js';
import { captureCastResult } from './cast-results.js';
import { runSpell, type CastTarget, type RunOutcome } from './cast-spell.js';
import type { CastJob } from './queue/cast-queue.js';
import { settleCast } from './lifecycle.js';

/** A spell pool that is full for this tenant is asked again this many times, this far apart, before the cast fails busy. */
const BUSY_TRIES = 30;
const BUSY_WAIT_MS = 1_000;

/** The spell version a queued cast was admitted for (versions are never deleted, only retired). */
async function loadTarget(services: Services, cast: ClaimedCast): Promise<CastTarget | undefined> {
  const [row] = await services.db
    .select({ spell: spells, version: spellVersions, owner: tenants.handle })
    .from(spellVersions)
    .innerJoin(spells, eq(spells.id, spellVersions.spellId))
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(eq(spellVersions.id, cast.spellVersionId));
  return row ? { spell: row.spell, version: row.version, owner: row.owner ?? '' } : undefined;
}

/** Runs the spell; a pool with no room for the tenant right now is waited for rather than failing the cast. */
async function runClaimed(services: Services, target: CastTarget, cast: ClaimedCast): Promise<RunOutcome> {
  for (let attempt = 1; ; attempt++) {
    const onStart = () => {
      markCastStarted(services.db, cast.castId, { now: services.clock.now(), graceMs: services.config.castExpiryGraceMs }).catch((error: unknown) =>
        services.logger.warn({ err: error, castId: cast.castId }, 'could not record when an async cast started'),
      );
    };
    const outcome = await runSpell(services, target, cast.input, cast.tenantId, cast.timeoutMs, onStart);
    const busy = outcome.ok ? undefined : outcome.busy;
    if (!busy || attempt >= BUSY_TRIES) return outcome;
    await new Promise((resolve) => setTimeout(resolve, Math.min(busy.retryAfterSeconds * 1000, BUSY_WAIT_MS)));
  }
}

/**
 * One job: claim the cast (`queued → running`, at most once), run it through the spell runtime and
 * settle it through the lifecycle, exactly like a sync cast. A cast that could not run (its module
 * or the database failing) settles as `failed` at no cost; a worker that dies mid-cast leaves it
 * `running` until its `expires_at`, when the reconciler fails it as `interrupted` at no cost.
 */
export async function runQueuedCast(services: Services, job: CastJob): Promise<void> {
  const { config, clock } = services;
  const claim = await claimQueuedCast(services.db, job.castId, { now: clock.now(), graceMs: config.castExpiryGraceMs });
  if (!claim.ok) {
    if (claim.reason === 'expired') emitCastFinalEvent(services, { castId: job.castId, tenantId: job.tenantId, status: 'failed', errorCode: 'expired' });
    return;
  }
  const { cast } = claim;
  let outcome: RunOutcome | undefined;
  try {
    const target = await loadTarget(services, cast);
    if (!target) throw new Error(`spell version ${cast.spellVersionId} is gone`);
    outcome = await runClaimed(services, target, cast);
  } catch (error) {
    services.logger.warn({ err: error, castId: cast.castId }, 'an async cast could not run; failing it as interrupted at no cost');
  }
  const errorCode = outcome === undefined ? 'interrupted' : outcome.ok ? null : outcome.code;
  const settlement = await settleCast(services.db, {
    castId: cast.castId,
    status: outcome?.ok ? 'succeeded' : 'failed',
    errorCode,
    durationMs: Math.round(outcome?.durationMs ?? 0),
    costCents: outcome?.ok ? cast.priceCents : 0,
    now: clock.now(),
    ...(outcome && { logs: outcome.logs }),
    record: captureCastResult(cast.input, outcome ?? { ok: false, message: 'The cast could not be run; it cost nothing.' }, config.castResultMaxBytes),
    money: config.money,
  });
  if (settlement.creatorCents > 0) services.metrics.creatorEarnings.inc(settlement.creatorCents);
  if (settlement.settled) {
    emitCastFinalEvent(services, { castId: cast.castId, tenantId: cast.tenantId, status: outcome?.ok ? 'succeeded' : 'failed', errorCode });
  }
}

/**
 * Starts taking async casts from the queue (`CAST_WORKER_CONCURRENCY` at once), after queuing
 * again every cast still `queued` in the database: an in-process queue lost with its process, or
 * a job lost between a cast's commit and its enqueue, is found this way (the same cast queued twice runs once).
 */
export async function startCastWorker(services: Services): Promise<{ stop(): Promise<void> }> {
  const queue = services.castQueue;
  await queue.start((job) => runQueuedCast(services, job), { concurrency: services.config.asyncCasts.workerConcurrency });
  for (const cast of await listQueuedCasts(services.db)) await queue.enqueue(cast.castId, cast.tenantId, { rank: cast.rank });
  services.logger.info({ queue: queue.kind, concurrency: services.config.asyncCasts.workerConcurrency }, 'cast worker started');
  return { stop: () => queue.stop() };
}
