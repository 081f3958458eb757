import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { requireBilling } from './accounts.js';
import { verifiedStripeEvent } from './webhook-signature.js';
import { processStripeEvent, recordFailure, type EventHandler } from './webhooks.js';

/**
 * `POST /webhooks/stripe`. The body is kept raw (the signature covers its exact bytes) and
 * verified with the SDK before anything is read or stored.
 */
export const stripeWebhookRoute: FastifyPluginAsync<{ services: Services; otherEvents?: EventHandler }> = async (app, { services, otherEvents }) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/webhooks/stripe',
    {
      config: {
        auth: 'public',
        limit: 'off',
        openapi: {
          requestBody: {
            description: 'A Stripe event, exactly as Stripe sent it, with its `Stripe-Signature: t=…,v1=…` header.',
            content: { 'application/json': { schema: { type: 'object', description: 'A Stripe event' } } },
          },
        },
      },
      schema: {
        operationId: 'receiveStripeWebhook',
        tags: ['billing'],
        summary: 'Stripe webhook endpoint (signature verified; no other auth)',
        description:
          'The raw event as Stripe sends it, verified against `Stripe-Signature`. `400 invalid_signature` changes nothing; ' +
          '`503 billing_disabled` when the server has no Stripe keys; a 5xx while processing rolls the event back for Stripe to retry.',
        response: {
          200: z.object({ received: z.literal(true), result: z.enum(['processed', 'ignored', 'duplicate']) }),
          ...errorResponses(400, 503),
        },
      },
    },
    async (request) => {
      const { stripe, settings } = requireBilling(services);
      const event = verifiedStripeEvent(services, stripe, request, settings.webhookSecret);
      try {
        const result = await processStripeEvent(services, event, otherEvents);
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
