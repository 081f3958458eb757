import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { checkInputSchema } from './input-schema.js';
import {
  createSpell,
  deleteSpell,
  findVisibleSpell,
  listVersions,
  listVisibleSpells,
  updateSpell,
} from './registry.js';
import { findOwnSpell } from './own-spell.js';
import { spellName, spellSchema, versionSchema, viewSpell, viewVersion } from './views.js';

const price = z.number().int().min(0).max(1_000_000).nullable();
const functionName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'must be an exported function name' });

export const spellRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['spells'];
  const nameParams = z.object({ name: spellName });

  app.post(
    '/v1/spells',
    {
      schema: {
        operationId: 'createSpell',
        tags,
        summary: 'Create a spell (then upload a version)',
        body: z.object({
          name: spellName,
          description: z.string().max(2_000).optional(),
          visibility: z.enum(['public', 'private']).optional(),
          price_cents: price.optional(),
        }),
        response: { 201: spellSchema, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const created = await createSpell(services.db, {
        tenantId: auth.tenant.id,
        ownerUserId: auth.user.id,
        name: request.body.name,
        description: request.body.description,
        visibility: request.body.visibility,
        priceCents: request.body.price_cents,
      });
      if (!created.ok) throw new AppError('conflict', `A spell named ${request.body.name} already exists.`, { field: 'name' });
      return reply.status(201).send(viewSpell(created.spell, { tenantId: auth.tenant.id, latestVersion: null }));
    },
  );

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
        response: { 200: spellSchema.extend({ versions: z.array(versionSchema) }), ...errorResponses(400, 401, 404, 429) },
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
        body: z
          .object({
            description: z.string().max(2_000),
            visibility: z.enum(['public', 'private']),
            price_cents: price,
            function_name: functionName,
            timeout_ms: z.number().int().min(10).max(services.config.spells.maxTimeoutMs).nullable(),
            input_schema: z.record(z.string(), z.unknown()).nullable(),
          })
          .partial()
          .strict(),
        response: { 200: spellSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name);
      const { description, visibility, price_cents, function_name, timeout_ms, input_schema } = request.body;
      if (input_schema) {
        const checked = checkInputSchema(input_schema);
        if (!checked.ok) throw new AppError('validation_failed', checked.reason, { issues: [{ in: 'body', path: '/input_schema', message: checked.reason }] });
      }
      const [latest] = await listVersions(services.db, spell.id);
      if (function_name !== undefined && latest && !latest.exports.includes(function_name)) {
        throw new AppError('validation_failed', `Version ${latest.version} does not export ${function_name}.`, {
          issues: [{ in: 'body', path: '/function_name', message: `not exported by version ${latest.version}` }],
        });
      }
      const updated = await updateSpell(
        services.db,
        spell.id,
        {
          ...(description !== undefined && { description }),
          ...(visibility !== undefined && { visibility }),
          ...(price_cents !== undefined && { priceCents: price_cents }),
          ...(function_name !== undefined && { functionName: function_name }),
          ...(timeout_ms !== undefined && { timeoutMs: timeout_ms }),
          ...(input_schema !== undefined && { inputSchema: input_schema }),
        },
        services.clock.now(),
      );
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
