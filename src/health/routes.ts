import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import { requireMetricsToken } from '../metrics/metrics-token.js';
import type { Services } from '../services.js';
import { checkDisk } from './disk-guard.js';

type CheckState = 'ok' | 'down' | 'disabled';

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

const readySchema = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  checks: z.object({
    database: z.enum(['ok', 'down']),
    redis: z.enum(['ok', 'down', 'disabled']),
    disk: z.enum(['ok', 'disk_full', 'disabled']),
  }),
});

/**
 * Liveness, readiness and metrics. Readiness fails (503) only when the database is down or its
 * disk is full (every cast writes, so an instance that cannot write cannot serve): a
 * Redis outage is reported as `degraded`, because every instance shares that Redis and taking
 * them all out of the load balancer would turn a degraded service into an outage.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const open = { auth: 'public', limit: 'off' } as const;

  app.get(
    '/healthz',
    {
      config: open,
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: open,
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Readiness: 503 when the database is down or its disk is full; a Redis outage is only degraded',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const [database, redis, disk] = await Promise.all([
        probe(() => services.database.ping(), 2_000),
        services.redis ? probe(() => services.redis?.ping() ?? Promise.resolve(), 1_000) : Promise.resolve('disabled' as const),
        checkDisk(services),
      ]);
      const unavailable = database === 'down' || disk === 'disk_full';
      const status = unavailable ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok';
      return reply.status(unavailable ? 503 : 200).send({ status, checks: { database: database === 'ok' ? 'ok' : 'down', redis, disk } });
    },
  );

  const metricsGuard = requireMetricsToken(services.config.metrics.token);
  app.get(
    '/metrics',
    {
      config: open,
      onRequest: metricsGuard,
      schema: {
        operationId: 'getMetrics',
        tags: ['health'],
        summary: 'Prometheus metrics (send Authorization: Bearer <METRICS_TOKEN> when the server sets one)',
        produces: ['text/plain'],
        response: { 200: z.string().describe('Prometheus text exposition format, version 0.0.4'), ...errorResponses(401) },
      },
    },
    async (_request, reply) => {
      const registry = services.metrics.registry;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};
