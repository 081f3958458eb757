import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { documentRoute } from './route-docs.js';

/**
 * The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from
 * what the server validates. Served at `/openapi.json` and browsable at `/docs`.
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string; publicUrl: string }): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, auth: 'public', limit: 'off' };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Spell Platform API',
        version: options.version,
        description:
          'Publish WebAssembly spells and cast them over HTTP. Errors are always `{ "error": "<code>", "message": "…" }`. ' +
          'Besides the errors each operation lists, any of them may answer `500 internal_error`, or `503 service_unavailable` ' +
          'with `reason` `database` (the database connection was lost; retry) or `disk_full` (the server\'s disk is full).',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token or an API key.' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'spell_session' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'An admin token (spa_admin_…) from `spell admin token create`; only /v1/admin routes.' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      return { ...transformed, schema: documentRoute(transformed.schema, input.route) };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get(
    '/openapi.json',
    { config: { auth: 'public', limit: 'off' }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
