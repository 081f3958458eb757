import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { deleteSpell, findVisibleSpell, listVersions, listVisibleSpells, updateSpell } from './registry.js';
import { findOwnSpell } from './own-spell.js';
import { checkSettings, settingsChanges, spellSettingsFields } from './settings.js';
import { spellDetailSchema, spellName, spellSchema, viewSpell, viewVersion } from './views.js';

/** Reading, changing and deleting spells; creating one (with its module) is create-routes.ts. */
export const spellRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['spells'];
  const nameParams = z.object({ name: spellName });

  app.get(
    '/v1/spells',
    {
      schema: {
        operationId: 'listSpells',
        tags,
        summary: 'The catalog: public spells and your own',
        querystring: z.object({
          mine: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ spells: z.array(spellSchema) }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const rows = await listVisibleSpells(services.db, { tenantId: auth.tenant.id, ...request.query });
      return {
        spells: rows.map((row) =>
          viewSpell(row.spell, { tenantId: auth.tenant.id, latestVersion: row.latestVersion === null ? null : Number(row.latestVersion) }),
        ),
      };
    },
  );

  app.get(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'getSpell',
        tags,
        summary: 'A spell and its versions',
        params: nameParams,
        response: { 200: spellDetailSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const spell = await findVisibleSpell(services.db, request.params.name, auth.tenant.id);
      if (!spell) throw new AppError('not_found', `No spell named ${request.params.name}.`);
      const versions = await listVersions(services.db, spell.id);
      return {
        ...viewSpell(spell, { tenantId: auth.tenant.id, latestVersion: versions[0]?.version ?? null }),
        versions: versions.map(viewVersion),
      };
    },
  );

  app.patch(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'updateSpell',
        tags,
        summary: 'Change price, description, visibility, function, timeout or input schema',
        params: nameParams,
        body: z.object(spellSettingsFields(services.config.spells.maxTimeoutMs)).strict(),
        response: { 200: spellSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name);
      const { function_name } = request.body;
      checkSettings(request.body);
      const [latest] = await listVersions(services.db, spell.id);
      if (function_name !== undefined && latest && !latest.exports.includes(function_name)) {
        throw new AppError('validation_failed', `Version ${latest.version} does not export ${function_name}.`, {
          issues: [{ in: 'body', path: '/function_name', message: `not exported by version ${latest.version}` }],
        });
      }
      const updated = await updateSpell(services.db, spell.id, settingsChanges(request.body), services.clock.now());
      return viewSpell(updated, { tenantId: auth.tenant.id, latestVersion: latest?.version ?? null });
    },
  );

  app.delete(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'deleteSpell',
        tags,
        summary: 'Unpublish a spell (past casts stay in the history)',
        params: nameParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const spell = await findOwnSpell(services, authOf(request.auth), request.params.name);
      await deleteSpell(services.db, spell.id, services.clock.now());
      return reply.status(204).send(null);
    },
  );
};
