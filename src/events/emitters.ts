import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { notificationSettings } from '../db/schema.js';
import type { BudgetPeriod } from '../db/values.js';
import { emitEvent } from './outbox.js';

/**
 * One function per event type, each with its payload's shape: the call sites (the cast's settle,
 * budget holds, tenant status, credit charges, payouts) pass what happened, in their transaction.
 */

export interface CastFinished {
  id: string;
  tenantId: string;
  spellId: string;
  spellVersionId: string;
  /** A canceled cast is told as `cast.failed` (with `status: canceled` and `error_code: canceled`). */
  status: 'succeeded' | 'failed' | 'canceled';
  errorCode: string | null;
  durationMs: number;
  costCents: number;
  finishedAt: Date;
  /** An async cast's own `webhook_url`: it gets this event too, signed with the tenant's secret. */
  webhookUrl?: string | null;
}

/**
 * `cast.succeeded` / `cast.failed`: a cast settled, or ended without running (interrupted, expired
 * in the queue, canceled), to the tenant's endpoints and to the cast's own `webhook_url`.
 */
export function emitCastFinished(tx: DbOrTx, cast: CastFinished): Promise<string | null> {
  return emitEvent(tx, {
    tenantId: cast.tenantId,
    type: cast.status === 'succeeded' ? 'cast.succeeded' : 'cast.failed',
    now: cast.finishedAt,
    ...(cast.webhookUrl && { castTarget: { castId: cast.id, url: cast.webhookUrl } }),
    data: {
      cast_id: cast.id,
      spell_id: cast.spellId,
      spell_version_id: cast.spellVersionId,
      status: cast.status,
      error_code: cast.status === 'canceled' ? 'canceled' : cast.errorCode,
      duration_ms: cast.durationMs,
      cost_cents: cast.costCents,
      finished_at: cast.finishedAt.toISOString(),
    },
  });
}

/** `budget.soft_limit_reached`: the period's usage went past its soft limit (once per period). */
export function emitSoftLimitReached(
  tx: DbOrTx,
  crossing: { tenantId: string; period: BudgetPeriod; periodStart: Date; usedCents: number; limitCents: number; now: Date },
): Promise<string | null> {
  return emitEvent(tx, {
    tenantId: crossing.tenantId,
    type: 'budget.soft_limit_reached',
    now: crossing.now,
    data: { period: crossing.period, period_start: crossing.periodStart.toISOString(), used_cents: crossing.usedCents, soft_limit_cents: crossing.limitCents },
  });
}

/** `budget.hard_limit_reached`: the first cast the hard limit refused in a period (later refusals write nothing). */
export function emitHardLimitReached(
  tx: DbOrTx,
  refusal: { tenantId: string; period: BudgetPeriod; periodEnd: Date; limitCents: number; usedCents: number; wouldBeCents: number; now: Date },
): Promise<string | null> {
  return emitEvent(tx, {
    tenantId: refusal.tenantId,
    type: 'budget.hard_limit_reached',
    now: refusal.now,
    dedupeKey: `budget.hard_limit_reached:${refusal.period}:${refusal.periodEnd.toISOString()}`,
    data: {
      period: refusal.period,
      period_end: refusal.periodEnd.toISOString(),
      hard_limit_cents: refusal.limitCents,
      used_cents: refusal.usedCents,
      would_be_cents: refusal.wouldBeCents,
    },
  });
}

/** `tenant.grace_started` (a payment failed; casting goes on until `grace_until`) and `tenant.suspended`. */
export async function emitTenantStatus(
  tx: DbOrTx,
  change: { tenantId: string; status: string; graceUntil: Date | null; reason: string; now: Date },
): Promise<void> {
  if (change.status === 'grace') {
    await emitEvent(tx, {
      tenantId: change.tenantId,
      type: 'tenant.grace_started',
      now: change.now,
      data: { status: 'grace', grace_until: change.graceUntil?.toISOString() ?? null, reason: change.reason },
    });
  } else if (change.status === 'suspended') {
    await emitEvent(tx, { tenantId: change.tenantId, type: 'tenant.suspended', now: change.now, data: { status: 'suspended', reason: change.reason } });
  }
}

/**
 * `credits.low`: a credit charge took the prepaid balance from at or above the tenant's threshold
 * to below it (once per crossing: it fires again only after the balance rose back above).
 */
export async function emitCreditsLowIfCrossed(
  tx: DbOrTx,
  charge: { tenantId: string; beforeCents: number; afterCents: number; now: Date },
): Promise<void> {
  const [settings] = await tx
    .select({ threshold: notificationSettings.creditsLowThresholdCents })
    .from(notificationSettings)
    .where(eq(notificationSettings.tenantId, charge.tenantId));
  const threshold = settings?.threshold;
  if (threshold === null || threshold === undefined) return;
  if (!(charge.beforeCents >= threshold && charge.afterCents < threshold)) return;
  await emitEvent(tx, {
    tenantId: charge.tenantId,
    type: 'credits.low',
    now: charge.now,
    data: { balance_cents: charge.afterCents, threshold_cents: threshold },
  });
}

/** What `creator.payout_paid` tells a creator: a payout reached its Stripe account. */
export interface PayoutPaid {
  tenantId: string;
  payoutId: string;
  amountCents: number;
  currency: string;
  stripeTransferId: string | null;
  paidAt: Date;
}

/** `creator.payout_paid`; call it in the transaction that records the payout as paid. */
export function emitPayoutPaid(tx: DbOrTx, payout: PayoutPaid): Promise<string | null> {
  return emitEvent(tx, {
    tenantId: payout.tenantId,
    type: 'creator.payout_paid',
    now: payout.paidAt,
    data: {
      payout_id: payout.payoutId,
      amount_cents: payout.amountCents,
      currency: payout.currency,
      stripe_transfer_id: payout.stripeTransferId,
      paid_at: payout.paidAt.toISOString(),
    },
  });
}

/** `webhook_endpoint.disabled`: kept even when no other endpoint wants it, so the tenant can read it in the API. */
export function emitEndpointDisabled(tx: DbOrTx, endpoint: { tenantId: string; id: string; url: string; failingSince: Date; now: Date }): Promise<string | null> {
  return emitEvent(tx, {
    tenantId: endpoint.tenantId,
    type: 'webhook_endpoint.disabled',
    now: endpoint.now,
    keep: true,
    data: { endpoint_id: endpoint.id, url: endpoint.url, failing_since: endpoint.failingSince.toISOString(), reason: 'failing' },
  });
}
