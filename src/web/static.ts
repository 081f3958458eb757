import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.js';
import { registerIndexRoute, wantsHtml } from './index-route.js';

/** Where `npm run build:web` puts the single-page app (web app and admin console). */
export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths that belong to the API: an unknown one keeps its JSON 404, never the page. */
const API_PREFIXES = ['v1/', 'auth/', 'webhooks/', 'docs/'];
const API_PATHS = new Set(['v1', 'auth', 'webhooks', 'healthz', 'readyz', 'metrics', 'docs', 'openapi.json']);

function isApiPath(path: string): boolean {
  return API_PATHS.has(path) || API_PREFIXES.some((prefix) => path.startsWith(prefix));
}

// The page must never be cached: it names the current build's hashed assets.
const sendPage = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

/**
 * Serves the built web app from the same origin as the API: hashed files under `/assets/`
 * (cached for good), any other file of the build as is, and `index.html` for every other GET
 * that asks for a page, so `/keys` or `/admin/tenants/…` load the app, which routes itself.
 * API clients asking for a page get the JSON 404, except at `/`, which tells them where to go.
 * Without a build (`npm run build:web`) only that answer at `/` is registered.
 */
export async function registerWebApp(app: FastifyInstance, services: Services, root = webDistDir): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    services.logger.warn({ path: root }, 'web app not built (npm run build:web); serving the API only');
    registerIndexRoute(app, services, undefined);
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  registerIndexRoute(app, services, sendPage);

  app.get(
    '/*',
    { config: { auth: 'public', limit: 'off' }, schema: { hide: true } },
    async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      // `..` (also sent as `%2e%2e`) never names a file of the build; answer as for any unknown path.
      if (isApiPath(path) || path.split(/[/\\]/).some((segment) => segment === '..') || path.includes('\0')) {
        return reply.callNotFound();
      }
      if (path.startsWith('assets/')) {
        return reply.sendFile(path, { maxAge: '365d', immutable: true });
      }
      const lastSegment = path.split('/').at(-1) ?? '';
      if (lastSegment.includes('.')) return reply.sendFile(path, { maxAge: '1h' });
      if (!wantsHtml(request)) return reply.callNotFound();
      return sendPage(reply);
    },
  );
}
