import type Stripe from 'stripe';

/**
 * The Stripe event types the webhook handler acts on (`applyEvent` in webhooks.ts); any other
 * type is recorded as `ignored`. The metrics count each of these from zero.
 */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'charge.refunded',
  'charge.dispute.closed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
] as const satisfies readonly Stripe.Event.Type[];
