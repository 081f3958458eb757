import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireBilling } from '../billing/accounts.js';
import { verifiedStripeEvent } from '../billing/webhook-signature.js';
import { processEventOnce, recordFailure } from '../billing/webhooks.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { applyConnectEvent, type ConnectEffects } from './connect-events.js';

/**
 * `POST /webhooks/stripe/connect`: events of creators' connected accounts (`account.updated`) and
 * of payouts' Transfers (`transfer.reversed`), signed with the Connect endpoint's own secret
 * (`STRIPE_CONNECT_WEBHOOK_SECRET`). Verified from the raw bytes with the SDK, then processed
 * exactly once like the account endpoint's events. Off (404) without that secret.
 */
export const connectWebhookRoute: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/webhooks/stripe/connect',
    {
      config: {
        auth: 'public',
        limit: 'off',
        openapi: {
          requestBody: {
            description: 'A Stripe Connect event, exactly as Stripe sent it, with its `Stripe-Signature: t=…,v1=…` header.',
            content: { 'application/json': { schema: { type: 'object', description: 'A Stripe event' } } },
          },
        },
      },
      schema: {
        operationId: 'receiveStripeConnectWebhook',
        tags: ['billing'],
        summary: 'Stripe Connect webhook endpoint (signature verified with its own secret; no other auth)',
        description:
          'Handles `account.updated` (whether a creator’s account can be paid) and `transfer.reversed` (a payout’s money comes back). ' +
          '`400 invalid_signature` changes nothing; `404 not_found` when `STRIPE_CONNECT_WEBHOOK_SECRET` is unset; ' +
          '`503 billing_disabled` when the server has no Stripe keys; a 5xx while processing rolls the event back for Stripe to retry.',
        response: {
          200: z.object({ received: z.literal(true), result: z.enum(['processed', 'ignored', 'duplicate']) }),
          ...errorResponses(400, 404, 503),
        },
      },
    },
    async (request) => {
      const { stripe, settings } = requireBilling(services);
      if (!settings.connectWebhookSecret) throw new AppError('not_found', 'The Connect webhook endpoint is off: STRIPE_CONNECT_WEBHOOK_SECRET is not set.');
      const event = verifiedStripeEvent(services, stripe, request, settings.connectWebhookSecret);
      try {
        let effects: ConnectEffects = { reversed: 0 };
        const result = await processEventOnce(services, event, (context) => {
          // A retried transaction starts counting again.
          effects = { reversed: 0 };
          return applyConnectEvent(context, effects);
        });
        services.metrics.stripeWebhooks.inc({ type: event.type, result });
        if (effects.reversed > 0) services.metrics.payouts.inc({ result: 'reversed' }, effects.reversed);
        return { received: true, result };
      } catch (error) {
        services.metrics.stripeWebhooks.inc({ type: event.type, result: 'failed' });
        services.logger.error({ err: error, event: event.id, type: event.type }, 'Stripe Connect event failed; rolled back for Stripe to retry');
        await recordFailure(services, event, error).catch((recordError: unknown) =>
          services.logger.error({ err: recordError, event: event.id }, 'could not record the failed Stripe Connect event'),
        );
        throw error;
      }
    },
  );
};
