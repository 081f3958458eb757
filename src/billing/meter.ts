import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { DbOrTx } from '../db/client.js';
import { billingAccounts, meterEvents } from '../db/schema.js';
import type { Services } from '../services.js';

/** Whether the tenant pays through Stripe (has a customer), so a plan's casts can be metered. */
export async function hasBillingAccount(db: DbOrTx, tenantId: string): Promise<boolean> {
  const [account] = await db.select({ tenantId: billingAccounts.tenantId }).from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  return account !== undefined;
}

/**
 * Writes the usage of a plan tenant's cast to the outbox the meter dispatcher sends to Stripe, in
 * the cast's settling transaction, so usage is never lost. Tenants whose plan does not come from a
 * Stripe subscription (a license, an operator's grant) have no customer and nothing to report.
 */
export async function queueMeterEvent(tx: DbOrTx, event: { castId: string; tenantId: string; valueCents: number; now: Date }): Promise<void> {
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, event.tenantId));
  if (!account) return;
  await tx
    .insert(meterEvents)
    .values({
      castId: event.castId,
      tenantId: event.tenantId,
      stripeCustomerId: account.stripeCustomerId,
      valueCents: event.valueCents,
      occurredAt: event.now,
      nextAttemptAt: event.now,
    })
    .onConflictDoNothing();
}

/** How long a claimed event is left alone while its request is in flight. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Sends pending usage to Stripe as meter events, oldest first. Each row is claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so several instances share the work without sending one
 * event twice at once; the cast id is both the meter event's `identifier` and the idempotency key,
 * so a retry after a lost answer is recognised by Stripe. A row stays pending, with a backoff,
 * until Stripe accepts it.
 */
export async function dispatchMeterEvents(services: Services, batch = 100): Promise<{ sent: number; failed: number }> {
  const { stripe } = services;
  const settings = services.config.stripe;
  if (!stripe || !settings) return { sent: 0, failed: 0 };
  const now = services.clock.now();
  const claimed = await services.db.transaction(async (tx) => {
    const due = await tx
      .select({ castId: meterEvents.castId })
      .from(meterEvents)
      .where(and(isNull(meterEvents.sentAt), lte(meterEvents.nextAttemptAt, now)))
      .orderBy(asc(meterEvents.nextAttemptAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(meterEvents)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${meterEvents.attempts} + 1` })
      .where(inArray(meterEvents.castId, due.map((row) => row.castId)))
      .returning();
  });

  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await stripe.billing.meterEvents.create(
        {
          event_name: settings.meterEventName,
          identifier: row.castId,
          timestamp: Math.floor(row.occurredAt.getTime() / 1000),
          payload: { stripe_customer_id: row.stripeCustomerId, value: String(row.valueCents) },
        },
        { idempotencyKey: `meter-${row.castId}` },
      );
      await markSent(services, row.castId);
      sent += 1;
    } catch (error) {
      // Stripe keeps identifiers unique: "already exists" means an earlier attempt got through.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && /identifier/i.test(error.message) && /exist/i.test(error.message)) {
        await markSent(services, row.castId);
        sent += 1;
        continue;
      }
      failed += 1;
      const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(row.attempts, 12));
      await services.db
        .update(meterEvents)
        .set({ lastError: error instanceof Error ? error.message.slice(0, 1_000) : String(error), nextAttemptAt: new Date(services.clock.now().getTime() + delay) })
        .where(eq(meterEvents.castId, row.castId));
      services.logger.warn({ err: error, cast: row.castId, attempts: row.attempts }, 'meter event not accepted by Stripe; will retry');
    }
  }
  if (sent) services.metrics.meterEvents.inc({ result: 'sent' }, sent);
  if (failed) services.metrics.meterEvents.inc({ result: 'failed' }, failed);
  return { sent, failed };
}

async function markSent(services: Services, castId: string): Promise<void> {
  await services.db.update(meterEvents).set({ sentAt: services.clock.now(), lastError: null }).where(eq(meterEvents.castId, castId));
}

/** Runs the dispatcher on an interval (every instance; the claims keep them apart). */
export function startMeterDispatcher(services: Services): { stop(): void } {
  const settings = services.config.stripe;
  if (!settings) return { stop: () => {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await dispatchMeterEvents(services);
    } catch (error) {
      services.logger.error({ err: error }, 'meter dispatcher failed; retrying at the next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.meterDispatchIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
