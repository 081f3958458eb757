import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';

const serviceIndexSchema = z
  .object({
    name: z.literal('Spell Platform'),
    message: z.string(),
    web_app: z.string().nullable().describe('Open in a browser; null when the web app is not built'),
    admin_console: z.string().nullable(),
    docs: z.string().describe('The API, browsable'),
    openapi: z.string().describe('The OpenAPI document'),
    health: z.string(),
  })
  .describe('Where to go from here: the web app, the API documentation and the OpenAPI document.');

/** A browser navigating asks for HTML; API clients (fetch, curl) do not. */
export function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * `GET /`: a browser gets the web app's page (`sendPage`, when the app is built); anything else
 * (curl, a script) gets a short JSON answer naming the web app, /docs and /openapi.json, so
 * someone trying the server from a terminal is not left with a bare 404.
 */
export function registerIndexRoute(
  app: FastifyInstance,
  services: Services,
  sendPage: ((reply: FastifyReply) => FastifyReply) | undefined,
): void {
  const base = services.config.publicUrl.replace(/\/$/, '');
  const index = {
    name: 'Spell Platform' as const,
    message: sendPage
      ? `This is the Spell Platform API. Open ${base}/ in a browser for the web app; the API is described at ${base}/openapi.json and browsable at ${base}/docs.`
      : `This is the Spell Platform API (the web app is not built: npm run build). The API is described at ${base}/openapi.json and browsable at ${base}/docs.`,
    web_app: sendPage ? `${base}/` : null,
    admin_console: sendPage ? `${base}/admin` : null,
    docs: `${base}/docs`,
    openapi: `${base}/openapi.json`,
    health: `${base}/readyz`,
  };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/',
    {
      config: { auth: 'public', limit: 'off' },
      schema: {
        operationId: 'getServiceIndex',
        tags: ['health'],
        summary: 'What this server is, for clients that are not browsers',
        security: [],
        response: { 200: serviceIndexSchema },
      },
    },
    async (request, reply) => {
      // The answer depends on Accept, so a cache must not hand a browser the JSON or curl the page.
      reply.header('vary', 'Accept');
      if (sendPage && wantsHtml(request)) return sendPage(reply);
      return index;
    },
  );
}
