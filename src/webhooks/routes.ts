import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../db/values.js';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { owner } from './access.js';
import * as endpoints from './endpoints.js';
import { refuseEndpointUrl } from './targets.js';
import { attemptSchema, endpointSchema, eventSchema, viewAttempt, viewEndpoint, viewEvent } from './views.js';

const eventList = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);
const urlField = z.string().trim().min(1).max(2048);
const idParams = z.object({ id: z.uuid() });
const notFound = () => new AppError('not_found', 'No webhook endpoint with this id.');

export const webhookRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['webhooks'];
  const checkUrl = (url: string) => {
    const refused = refuseEndpointUrl(url, { allowPrivate: services.config.webhooks.allowPrivateTargets, env: services.config.env });
    if (refused) throw new AppError('validation_failed', `The URL ${refused}.`, { issues: [{ in: 'body', path: '/url', message: refused }] });
  };

  app.post(
    '/v1/webhook-endpoints',
    {
      schema: {
        operationId: 'createWebhookEndpoint',
        tags,
        summary: 'Register a webhook endpoint; its signing secret is returned this once',
        description:
          'The account owner only. `url` must be https (http is accepted in development and test), and not a private, ' +
          'loopback or link-local address; names are checked again after DNS resolution at every delivery.',
        body: z.object({ url: urlField, events: eventList, description: z.string().trim().max(500).optional() }),
        response: { 201: endpointSchema.extend({ secret: z.string().describe('`whsec_…`, shown this once') }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const auth = owner(request.auth);
      checkUrl(request.body.url);
      const now = services.clock.now();
      const row = await endpoints.createEndpoint(services.db, {
        tenantId: auth.tenant.id,
        url: request.body.url,
        events: request.body.events,
        description: request.body.description ?? null,
        now,
      });
      return reply.status(201).send({ ...viewEndpoint(row, now), secret: row.secret });
    },
  );

  app.get(
    '/v1/webhook-endpoints',
    {
      schema: {
        operationId: 'listWebhookEndpoints',
        tags,
        summary: "The tenant's webhook endpoints (never their secrets)",
        response: { 200: z.object({ endpoints: z.array(endpointSchema) }), ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => {
      const auth = owner(request.auth);
      const now = services.clock.now();
      return { endpoints: (await endpoints.listEndpoints(services.db, auth.tenant.id)).map((row) => viewEndpoint(row, now)) };
    },
  );

  app.get(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        operationId: 'getWebhookEndpoint',
        tags,
        summary: 'One webhook endpoint',
        params: idParams,
        response: { 200: endpointSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const row = await endpoints.findEndpoint(services.db, owner(request.auth).tenant.id, request.params.id);
      if (!row) throw notFound();
      return viewEndpoint(row, services.clock.now());
    },
  );

  app.patch(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        operationId: 'updateWebhookEndpoint',
        tags,
        summary: 'Change an endpoint’s URL, events, description, or enable/disable it',
        description: 'Enabling an endpoint the platform disabled clears its failure streak; its pending deliveries resume.',
        params: idParams,
        body: z.object({ url: urlField.optional(), events: eventList.optional(), description: z.string().trim().max(500).nullable().optional(), enabled: z.boolean().optional() }),
        response: { 200: endpointSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const auth = owner(request.auth);
      if (request.body.url !== undefined) checkUrl(request.body.url);
      const now = services.clock.now();
      const row = await endpoints.updateEndpoint(services.db, { tenantId: auth.tenant.id, id: request.params.id, ...request.body, now });
      if (!row) throw notFound();
      return viewEndpoint(row, now);
    },
  );

  app.delete(
    '/v1/webhook-endpoints/:id',
    {
      schema: {
        operationId: 'deleteWebhookEndpoint',
        tags,
        summary: 'Delete an endpoint, its pending deliveries and its log',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await endpoints.deleteEndpoint(services.db, owner(request.auth).tenant.id, request.params.id))) throw notFound();
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'A new signing secret, shown this once; the old one keeps signing for 24 hours',
        description: 'Until `previous_secret_expires_at`, every delivery carries two `v1=` signatures (the new secret’s first), so a receiver can roll over.',
        params: idParams,
        response: { 200: endpointSchema.extend({ secret: z.string() }), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const now = services.clock.now();
      const row = await endpoints.rotateSecret(services.db, owner(request.auth).tenant.id, request.params.id, now);
      if (!row) throw notFound();
      return { ...viewEndpoint(row, now), secret: row.secret };
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/test',
    {
      schema: {
        operationId: 'sendWebhookTestEvent',
        tags,
        summary: 'Queue a `ping` event to this endpoint; it shows in the deliveries log',
        description: '`409 conflict` while the endpoint is disabled: nothing is sent to a disabled endpoint.',
        params: idParams,
        response: { 202: z.object({ event_id: z.string() }), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const row = await endpoints.findEndpoint(services.db, owner(request.auth).tenant.id, request.params.id);
      if (!row) throw notFound();
      if (!row.enabled) throw new AppError('conflict', 'This endpoint is disabled: enable it to send it a test event.');
      const eventId = await endpoints.queueTestEvent(services.db, row, services.clock.now());
      if (!eventId) throw new Error('the test event was not written');
      return reply.status(202).send({ event_id: eventId });
    },
  );

  app.get(
    '/v1/webhook-endpoints/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'Every delivery attempt to this endpoint, newest first',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ deliveries: z.array(attemptSchema), next_cursor: z.string().nullable() }), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const row = await endpoints.findEndpoint(services.db, owner(request.auth).tenant.id, request.params.id);
      if (!row) throw notFound();
      const { limit, cursor } = request.query;
      const rows = await endpoints.listAttempts(services.db, row.id, { before: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
      const { page, nextCursor } = toPage(rows, limit, (attempt) => attempt);
      return { deliveries: page.map(viewAttempt), next_cursor: nextCursor };
    },
  );

  app.get(
    '/v1/webhook-events',
    {
      schema: {
        operationId: 'listWebhookEvents',
        tags,
        summary: "The tenant's newest webhook events (including `webhook_endpoint.disabled` notices)",
        querystring: z.object({ type: z.string().max(100).optional(), limit: pageQuery.limit }),
        response: { 200: z.object({ events: z.array(eventSchema) }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const rows = await endpoints.listEvents(services.db, owner(request.auth).tenant.id, request.query);
      return { events: rows.map(viewEvent) };
    },
  );

  app.post(
    '/v1/webhook-events/:id/replay',
    {
      schema: {
        operationId: 'replayWebhookEvent',
        tags,
        summary: 'Send an event again to the endpoints it went to (those still enabled)',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 202: z.object({ event_id: z.string(), deliveries: z.number().int() }), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const replayed = await endpoints.replayEvent(services.db, owner(request.auth).tenant.id, request.params.id, services.clock.now());
      if (!replayed) throw new AppError('not_found', 'No webhook event with this id.');
      return reply.status(202).send({ event_id: request.params.id, deliveries: replayed.deliveries });
    },
  );

  const notificationsSchema = z.object({
    credits_low_threshold_cents: z.number().int().min(0).max(100_000_000).nullable().describe('`credits.low` fires when a charge takes the credit balance below this; null: never'),
  });

  app.get(
    '/v1/tenant/notifications',
    {
      schema: {
        operationId: 'getTenantNotifications',
        tags,
        summary: 'When the tenant is told about low credit',
        response: { 200: notificationsSchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => ({ credits_low_threshold_cents: await endpoints.creditsLowThreshold(services.db, owner(request.auth).tenant.id) }),
  );

  app.patch(
    '/v1/tenant/notifications',
    {
      schema: {
        operationId: 'updateTenantNotifications',
        tags,
        summary: 'Set the credit balance under which `credits.low` fires',
        body: notificationsSchema,
        response: { 200: notificationsSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const auth = owner(request.auth);
      await endpoints.setCreditsLowThreshold(services.db, auth.tenant.id, request.body.credits_low_threshold_cents, services.clock.now());
      return { credits_low_threshold_cents: request.body.credits_low_threshold_cents };
    },
  );
};
