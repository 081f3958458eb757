import type { FastifyInstance } from 'fastify';
import { HTTP_METHODS, UNMATCHED_ROUTE } from './labels.js';
import type { Metrics } from './registry.js';

const knownMethods: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * Times every answered request into `http_request_duration_seconds`. The route label is the
 * route's pattern (`/v1/spells/:name`), never the URL, and requests no route matched share
 * `unmatched`, so the number of series stays bounded whatever clients send.
 */
export function recordHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const matched = request.is404 ? undefined : request.routeOptions.url;
    metrics.httpDuration.observe(
      {
        method: knownMethods.has(request.method) ? request.method : 'OTHER',
        route: matched ?? UNMATCHED_ROUTE,
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}
