import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { DbOrTx } from '../db/client.js';
import { billingAccounts, stripeWebhookLogs, subscriptions, tenants } from '../db/schema.js';
import type { Services } from '../services.js';
import { writeAudit, type AuditActor } from '../audit/audit-log.js';
import { changeTenantStatus, graceEndsAt } from '../tenants/status.js';
import { grantEntitlement, revokeEntitlements } from '../tenants/entitlements.js';
import { fundPaidInvoice } from './invoice-funding.js';
import { recordPurchase, refundShare, reversePurchaseCredit, settlePurchasePayment } from './purchases.js';

/** Subscription states that keep the plan's entitlement, and states that end it. */
const ENTITLED = new Set(['active', 'trialing', 'past_due']);
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired']);

export type EventOutcome = 'processed' | 'ignored' | 'duplicate';

type Context = EventContext;

/** What an event's handler works with: its transaction, the event, when Stripe made it, now, and the audit actor. */
export interface EventContext {
  tx: DbOrTx;
  event: Stripe.Event;
  /** The event's `created`, the order Stripe produced it in. */
  createdAt: Date;
  now: Date;
  actor: AuditActor;
  /** How long creators' earnings are held once paid for (`PAYOUT_HOLD_DAYS`). */
  holdMs: number;
}

/**
 * Processes one verified Stripe event exactly once. The event's log row and all of its effects
 * commit in one transaction: a replay finds the row and changes nothing, a concurrent delivery
 * waits on the row's insert and then finds it, and a failure rolls everything back so Stripe's
 * retry starts clean (the failure is then recorded on its own by `recordFailure`).
 */
export function processStripeEvent(services: Services, event: Stripe.Event, otherEvents?: EventHandler): Promise<EventOutcome> {
  return processEventOnce(services, event, (context) => applyEvent(context, otherEvents));
}

/** Applies an event in its transaction; false when it is of no concern. */
export type EventHandler = (context: EventContext) => Promise<boolean>;

/**
 * The exactly-once frame any Stripe endpoint's events go through (the account's and Connect's),
 * deduplicated by event id in `stripe_webhook_logs`; `apply` answers false for an event of no concern.
 */
export async function processEventOnce(services: Services, event: Stripe.Event, apply: EventHandler): Promise<EventOutcome> {
  const now = services.clock.now();
  const createdAt = new Date(event.created * 1000);
  return services.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(stripeWebhookLogs)
      .values({ eventId: event.id, type: event.type, eventCreatedAt: createdAt, receivedAt: now, result: 'processed' })
      .onConflictDoNothing()
      .returning();
    if (!fresh) {
      const [seen] = await tx.select().from(stripeWebhookLogs).where(eq(stripeWebhookLogs.eventId, event.id)).for('update');
      if (seen && seen.result !== 'failed') return 'duplicate';
      await tx
        .update(stripeWebhookLogs)
        .set({ attempts: sql`${stripeWebhookLogs.attempts} + 1` })
        .where(eq(stripeWebhookLogs.eventId, event.id));
    }
    const handled = await apply({ tx, event, createdAt, now, actor: { type: 'stripe', id: event.id }, holdMs: services.config.money.payoutHoldMs });
    await tx
      .update(stripeWebhookLogs)
      .set({ result: handled ? 'processed' : 'ignored', processedAt: now, error: null })
      .where(eq(stripeWebhookLogs.eventId, event.id));
    return handled ? 'processed' : 'ignored';
  });
}

/** Notes a failed attempt after its transaction rolled back; a later delivery processes it again. */
export async function recordFailure(services: Services, event: Stripe.Event, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await services.db
    .insert(stripeWebhookLogs)
    .values({
      eventId: event.id,
      type: event.type,
      eventCreatedAt: new Date(event.created * 1000),
      receivedAt: services.clock.now(),
      result: 'failed',
      error: message.slice(0, 2_000),
    })
    .onConflictDoUpdate({
      target: stripeWebhookLogs.eventId,
      set: { attempts: sql`${stripeWebhookLogs.attempts} + 1`, error: message.slice(0, 2_000) },
      setWhere: sql`${stripeWebhookLogs.result} = 'failed'`,
    });
}

/**
 * Applies one event's effects; false when the event is of no concern (unknown type or tenant,
 * stale). Types billing does not know go to `otherEvents` (app.ts hands in the payouts' handler:
 * a Transfer is the platform's own object, so Stripe may send its `transfer.reversed` here).
 */
async function applyEvent(context: Context, otherEvents: EventHandler | undefined): Promise<boolean> {
  const { event } = context;
  switch (event.type) {
    case 'checkout.session.completed':
      return checkoutCompleted(context, event.data.object);
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
      return checkoutAsyncPayment(context, event.data.object, event.type === 'checkout.session.async_payment_succeeded');
    case 'charge.refunded':
      return chargeRefunded(context, event.data.object);
    case 'charge.dispute.closed':
      return disputeClosed(context, event.data.object);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return subscriptionChanged(context, event.data.object, event.type === 'customer.subscription.deleted');
    case 'invoice.paid':
    case 'invoice.payment_succeeded':
      return invoiceSettled(context, event.data.object, 'paid');
    case 'invoice.payment_failed':
      return invoiceSettled(context, event.data.object, 'failed');
    default:
      return otherEvents ? otherEvents(context) : false;
  }
}

const customerId = (customer: string | { id: string } | null | undefined) =>
  typeof customer === 'string' ? customer : (customer?.id ?? null);

/** The tenant an event is about: our metadata first, then the Stripe customer we created. */
async function tenantOf(tx: DbOrTx, metadata: Stripe.Metadata | null | undefined, customer: string | null): Promise<string | null> {
  const fromMetadata = metadata?.tenant_id;
  if (fromMetadata && /^[0-9a-f-]{36}$/i.test(fromMetadata)) {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, fromMetadata));
    if (tenant) return tenant.id;
  }
  if (!customer) return null;
  const [account] = await tx.select({ tenantId: billingAccounts.tenantId }).from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customer));
  return account?.tenantId ?? null;
}

/** What a Checkout Session's `payment_status` means for its purchase. */
function paymentStatusOf(session: Stripe.Checkout.Session): 'paid' | 'unpaid' | 'no_payment_required' {
  if (session.payment_status === 'paid') return 'paid';
  return session.payment_status === 'no_payment_required' ? 'no_payment_required' : 'unpaid';
}

/**
 * A finished Checkout. A credit pack's credit is granted only once the payment is `paid` (or needs
 * none): a delayed method (bank debit) completes `unpaid`, and its credit waits for
 * `checkout.session.async_payment_succeeded`.
 */
async function checkoutCompleted(context: Context, session: Stripe.Checkout.Session): Promise<boolean> {
  const { tx } = context;
  const tenantId = await tenantOf(tx, session.metadata, customerId(session.customer));
  if (!tenantId) return false;
  const status = paymentStatusOf(session);
  const { purchase, created } = await recordPurchase(context, tenantId, session, status);
  if (!created) return true;
  if (purchase.mode === 'payment') {
    await settlePurchasePayment(context, purchase, status, session, created);
    return true;
  }
  // A plan bought with a delayed method is not provisioned yet: its async payment event, or the
  // subscription's own events (which carry Stripe's status for it), decide.
  if (status === 'unpaid') return true;
  return provisionSubscription(context, tenantId, session);
}

/** Makes the tenant PRO for a plan's Checkout once its first payment is settled. */
async function provisionSubscription(context: Context, tenantId: string, session: Stripe.Checkout.Session): Promise<boolean> {
  const { tx, now, actor } = context;
  const subscriptionId = customerId(session.subscription as string | { id: string } | null);
  const [known] = subscriptionId
    ? await tx.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, subscriptionId))
    : [];
  // A subscription already known to have ended (its later events arrived first) is not revived.
  if (known && ENDED.has(known.status)) return true;
  await activateAccount(context, tenantId, subscriptionId, known?.status ?? 'active', known?.currentPeriodEnd ?? null);
  await grantEntitlement(tx, { tenantId, planCode: 'PRO', source: 'stripe', sourceRef: subscriptionId, actor, now });
  return true;
}

/** Moves the billing account to a subscription's state unless a newer subscription event got there first. */
async function activateAccount(context: Context, tenantId: string, subscriptionId: string | null, status: string, periodEnd: Date | null): Promise<void> {
  const { tx, createdAt, now, actor } = context;
  const [before] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  if (!before) return;
  if (before.subscriptionEventAt && before.subscriptionEventAt > createdAt) return;
  await tx
    .update(billingAccounts)
    .set({
      stripeSubscriptionId: subscriptionId ?? before.stripeSubscriptionId,
      status,
      plan: 'PRO',
      currentPeriodEnd: periodEnd ?? before.currentPeriodEnd,
      subscriptionEventAt: createdAt,
      updatedAt: now,
    })
    .where(eq(billingAccounts.tenantId, tenantId));
  if (before.status !== status) {
    await writeAudit(tx, {
      action: 'subscription_status_changed',
      actor,
      tenantId,
      target: { type: 'subscription', id: subscriptionId },
      before: { status: before.status },
      after: { status },
      at: now,
    });
  }
}

async function subscriptionChanged(context: Context, subscription: Stripe.Subscription, deleted: boolean): Promise<boolean> {
  const { tx, createdAt, now, actor } = context;
  const tenantId = await tenantOf(tx, subscription.metadata, customerId(subscription.customer));
  if (!tenantId) return false;
  const status = deleted ? 'canceled' : subscription.status;
  const item = subscription.items?.data?.[0] as (Stripe.SubscriptionItem & { current_period_end?: number }) | undefined;
  const legacyEnd = (subscription as unknown as { current_period_end?: number }).current_period_end;
  const periodEndSeconds = item?.current_period_end ?? legacyEnd;
  const periodEnd = periodEndSeconds ? new Date(periodEndSeconds * 1000) : null;
  const values = {
    tenantId,
    stripeSubscriptionId: subscription.id,
    status,
    priceId: item?.price?.id ?? null,
    currentPeriodEnd: periodEnd,
    cancelAtPeriodEnd: subscription.cancel_at_period_end ? 1 : 0,
    eventAt: createdAt,
    createdAt: now,
    updatedAt: now,
  };
  // Only a newer event moves the row: an older one arriving late finds nothing to update.
  const [applied] = await tx
    .insert(subscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: subscriptions.stripeSubscriptionId,
      set: {
        status: values.status,
        priceId: values.priceId,
        currentPeriodEnd: values.currentPeriodEnd,
        cancelAtPeriodEnd: values.cancelAtPeriodEnd,
        eventAt: values.eventAt,
        updatedAt: values.updatedAt,
      },
      setWhere: sql`${subscriptions.eventAt} <= ${createdAt.toISOString()}`,
    })
    .returning();
  if (!applied) return false;

  await activateAccount(context, tenantId, subscription.id, status, periodEnd);
  if (ENTITLED.has(status)) {
    await grantEntitlement(tx, { tenantId, planCode: 'PRO', source: 'stripe', sourceRef: subscription.id, actor, now });
  } else if (ENDED.has(status)) {
    await revokeEntitlements(tx, { tenantId, planCode: 'PRO', source: 'stripe', actor, now });
  }
  return true;
}

async function invoiceSettled(context: Context, invoice: Stripe.Invoice, outcome: 'paid' | 'failed'): Promise<boolean> {
  const { tx, createdAt, now, actor } = context;
  const customer = customerId(invoice.customer);
  const tenantId = await tenantOf(tx, invoice.metadata, customer);
  if (!tenantId) return false;
  // A payment is a fact whatever order its event arrives in: the casts it paid for are funded even
  // when a newer invoice event already set the tenant's status.
  const funded = outcome === 'paid' ? await fundPaidInvoice(tx, invoice, tenantId, { now, holdMs: context.holdMs }) : { casts: 0 };
  // Invoice events apply in the order Stripe created them: a late "failed" never undoes a newer "paid".
  const [account] = await tx
    .update(billingAccounts)
    .set({ invoiceEventAt: createdAt, updatedAt: now })
    .where(and(eq(billingAccounts.tenantId, tenantId), sql`(${billingAccounts.invoiceEventAt} is null or ${billingAccounts.invoiceEventAt} <= ${createdAt.toISOString()})`))
    .returning();
  if (!account) return funded.casts > 0;

  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  if (!tenant) return false;
  if (outcome === 'failed' && tenant.status === 'active') {
    const graceUntil = graceEndsAt(now);
    await changeTenantStatus(tx, { tenant, status: 'grace', graceUntil, reason: context.event.type, actor, now });
  }
  if (outcome === 'paid' && tenant.status === 'grace') {
    await changeTenantStatus(tx, { tenant, status: 'active', reason: context.event.type, actor, now });
  }
  return true;
}

/** A delayed payment method's outcome for a Checkout that completed `unpaid`. */
async function checkoutAsyncPayment(context: Context, session: Stripe.Checkout.Session, succeeded: boolean): Promise<boolean> {
  const tenantId = await tenantOf(context.tx, session.metadata, customerId(session.customer));
  if (!tenantId) return false;
  const status = succeeded ? 'paid' : 'failed';
  const { purchase, created } = await recordPurchase(context, tenantId, session, status);
  const wasPaid = !created && purchase.paymentStatus === 'paid';
  await settlePurchasePayment(context, purchase, status, session, created);
  if (purchase.mode === 'subscription' && succeeded && !wasPaid) return provisionSubscription(context, tenantId, session);
  return true;
}

/** A refund, whole or partial, takes back the refunded share of the purchase's credit. */
function chargeRefunded(context: Context, charge: Stripe.Charge): Promise<boolean> {
  return reversePurchaseCredit(context, {
    paymentIntentId: customerId(charge.payment_intent),
    kind: 'payment_refund',
    reversedCents: (purchase) => refundShare(purchase.creditsCents, charge.amount_refunded, charge.amount, charge.refunded),
    details: { charge: charge.id, amount_cents: charge.amount, amount_refunded_cents: charge.amount_refunded },
  });
}

/** A dispute lost takes back whatever of the purchase's credit a refund has not already. */
async function disputeClosed(context: Context, dispute: Stripe.Dispute): Promise<boolean> {
  if (dispute.status !== 'lost') return false;
  return reversePurchaseCredit(context, {
    paymentIntentId: customerId(dispute.payment_intent),
    kind: 'dispute_lost',
    reversedCents: (purchase) => purchase.creditsCents,
    details: { dispute: dispute.id, charge: customerId(dispute.charge), amount_cents: dispute.amount },
  });
}
