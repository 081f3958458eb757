import type { FastifyPluginAsync } from 'fastify';
import type Stripe from 'stripe';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { requireBilling } from './accounts.js';
import { processStripeEvent, recordFailure } from './webhooks.js';

/** Stripe's own default: a signature older than five minutes is refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `POST /webhooks/stripe`. The body is kept raw (the signature covers its exact bytes) and
 * verified with the SDK before anything is read or stored.
 */
export const stripeWebhookRoute: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/webhooks/stripe',
    {
      config: { auth: 'public', limit: 'off' },
      schema: { tags: ['billing'], summary: 'Stripe webhook endpoint (signature verified; no other auth)', hide: false },
    },
    async (request) => {
      const { stripe, settings } = requireBilling(services);
      const signature = request.headers['stripe-signature'];
      const raw = request.body;
      if (typeof signature !== 'string' || !Buffer.isBuffer(raw)) {
        services.metrics.stripeWebhooks.inc({ type: 'unknown', result: 'invalid_signature' });
        throw new AppError('invalid_signature', 'Missing Stripe-Signature header or body.');
      }
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(raw, signature, settings.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
      } catch (error) {
        services.metrics.stripeWebhooks.inc({ type: 'unknown', result: 'invalid_signature' });
        throw new AppError('invalid_signature', error instanceof Error ? error.message : 'The signature does not match.');
      }
      try {
        const result = await processStripeEvent(services, event);
        services.metrics.stripeWebhooks.inc({ type: event.type, result });
        return { received: true, result };
      } catch (error) {
        services.metrics.stripeWebhooks.inc({ type: event.type, result: 'failed' });
        services.logger.error({ err: error, event: event.id, type: event.type }, 'Stripe event failed; rolled back for Stripe to retry');
        await recordFailure(services, event, error).catch((recordError: unknown) =>
          services.logger.error({ err: recordError, event: event.id }, 'could not record the failed Stripe event'),
        );
        throw error;
      }
    },
  );
};
