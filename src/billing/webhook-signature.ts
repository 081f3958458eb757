import type { FastifyRequest } from 'fastify';
import type Stripe from 'stripe';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

/** Stripe's own default: a signature older than five minutes is refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * A Stripe event from its raw body, verified with the SDK against `Stripe-Signature` and the
 * endpoint's secret before anything is read or stored; `400 invalid_signature` (and the metric)
 * otherwise. Both Stripe endpoints (the account's and Connect's) receive through this.
 */
export function verifiedStripeEvent(services: Services, stripe: Stripe, request: FastifyRequest, secret: string): Stripe.Event {
  const signature = request.headers['stripe-signature'];
  const raw = request.body;
  if (typeof signature !== 'string' || !Buffer.isBuffer(raw)) {
    services.metrics.stripeWebhooks.inc({ type: 'unknown', result: 'invalid_signature' });
    throw new AppError('invalid_signature', 'Missing Stripe-Signature header or body.');
  }
  try {
    return stripe.webhooks.constructEvent(raw, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    services.metrics.stripeWebhooks.inc({ type: 'unknown', result: 'invalid_signature' });
    throw new AppError('invalid_signature', error instanceof Error ? error.message : 'The signature does not match.');
  }
}
