import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { deleteSpell, findSpellByOwner, listVersions, searchCatalog, updateSpell, type SpellRow } from './registry.js';
import { pinnedUntil, qualifiedName } from './names.js';
import { listPriceHistory, viewPriceHistory } from './price-history.js';
import { findOwnSpell } from './own-spell.js';
import { checkSettings, settingsChanges, spellSettingsFields, TAG_PATTERN } from './settings.js';
import { readSpellStats } from './stats.js';
import { ownerHandle, spellDetailSchema, spellName, spellSchema, viewSpell, viewVersion } from './views.js';

/** Reading, changing and deleting spells; creating one (with its module) is create-routes.ts. */
export const spellRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['spells'];
  const nameParams = z.object({ name: spellName });

  /** A spell with its README, versions, prices and cast counts, as the viewer sees it. */
  async function detail(spell: SpellRow, owner: string, viewerTenantId: string): Promise<z.infer<typeof spellDetailSchema>> {
    const [versions, stats, prices] = await Promise.all([
      listVersions(services.db, spell.id),
      readSpellStats(services.db, spell.id),
      listPriceHistory(services.db, spell.id),
    ]);
    return {
      ...viewSpell(spell, {
        tenantId: viewerTenantId,
        owner,
        latestVersion: versions[0]?.version ?? null,
        casts: { total: stats.casts, succeeded: stats.succeeded, failed: stats.failed },
        pinnedUntil: pinnedUntil(services, spell),
      }),
      readme: spell.readme,
      versions: versions.map(viewVersion),
      price_history: viewPriceHistory(prices),
    };
  }

  app.get(
    '/v1/spells',
    {
      schema: {
        operationId: 'listSpells',
        tags,
        summary: 'The catalog: public spells and your own, searched and filtered',
        description:
          '`q` finds spells whose name, owner handle, description or tags contain every word of it; `owner` and `tag` filter ' +
          'exactly. Deleted spells and spells the platform unpublished are not listed (your own unpublished ones are, with ' +
          '`unpublished` set). `sort`: `name` (then owner), `popular` (most casts first) or `new`.',
        querystring: z.object({
          mine: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
          q: z.string().trim().max(200).optional(),
          owner: ownerHandle.optional(),
          tag: z.string().regex(TAG_PATTERN, { error: 'must be a tag (lower-case letters, digits, dashes)' }).optional(),
          sort: z.enum(['name', 'popular', 'new']).default('name'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ spells: z.array(spellSchema) }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const rows = await searchCatalog(services.db, { viewerTenantId: auth.tenant.id, ...request.query });
      return {
        spells: rows.map((row) => viewSpell(row.spell, { tenantId: auth.tenant.id, owner: row.owner, latestVersion: row.latestVersion, casts: row.casts })),
      };
    },
  );

  app.get(
    '/v1/spells/:owner/:name',
    {
      schema: {
        operationId: 'getSpellByOwner',
        tags,
        summary: 'Any spell you may see, by owner/name: its README, versions and casts',
        description:
          'Another tenant’s private spell answers 404, exactly as a missing one. A public spell its owner deleted, or the ' +
          'platform unpublished, answers `410 spell_retired`; your own answer 200 with `deleted_at` or `unpublished`.',
        params: z.object({ owner: ownerHandle, name: spellName }),
        response: { 200: spellDetailSchema, ...errorResponses(400, 401, 404, 410, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const { owner, name } = request.params;
      const full = qualifiedName(owner, name);
      const found = await findSpellByOwner(services.db, { owner, name }, auth.tenant.id);
      if (!found) throw new AppError('not_found', `No spell named ${full}.`);
      const { spell } = found;
      if (spell.tenantId !== auth.tenant.id && (spell.deletedAt || spell.unpublishedAt)) {
        const until = pinnedUntil(services, spell);
        throw new AppError('spell_retired', spell.deletedAt ? `${full} was deleted.` : `${full} was unpublished by the platform.`, {
          spell: full,
          retired_at: (spell.deletedAt ?? spell.unpublishedAt)?.toISOString() ?? null,
          pinned_until: until?.toISOString() ?? null,
        });
      }
      return detail(spell, found.owner, auth.tenant.id);
    },
  );

  app.get(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'getSpell',
        tags,
        summary: 'One of your own spells (a bare name is always yours), with its README and versions',
        description: 'Your deleted spells too, with `deleted_at` and `pinned_until`. Another tenant’s spell is `GET /v1/spells/{owner}/{name}`.',
        params: nameParams,
        response: { 200: spellDetailSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name, { deleted: 'allow' });
      return detail(spell, auth.tenant.handle, auth.tenant.id);
    },
  );

  app.patch(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'updateSpell',
        tags,
        summary: 'Change price, description, visibility, function, timeout, input schema, tags or README of your spell',
        description:
          'A spell the platform unpublished cannot be made public again by its owner (`403`); a deleted one cannot change (`410`). ' +
          '`visibility: private` hides the spell from every other tenant at once, casts pinned to a version (`owner/name@N`) ' +
          'included (they answer 404, as for a missing spell), and a private spell deleted later gets no retirement window. ' +
          'To retire a public spell gently, delete it while public: pinned casts then run for `SPELL_RETIREMENT_DAYS`.',
        params: nameParams,
        body: z.object(spellSettingsFields(services.config.spells.maxTimeoutMs)).strict(),
        response: { 200: spellSchema, ...errorResponses(400, 401, 403, 404, 410, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name);
      const { function_name } = request.body;
      checkSettings(request.body);
      if (spell.unpublishedAt && request.body.visibility === 'public') {
        throw new AppError('forbidden', `The platform unpublished ${qualifiedName(auth.tenant.handle, spell.name)}: ${spell.unpublishedReason ?? ''}`.trim());
      }
      const [latest] = await listVersions(services.db, spell.id);
      if (function_name !== undefined && latest && !latest.exports.includes(function_name)) {
        throw new AppError('validation_failed', `Version ${latest.version} does not export ${function_name}.`, {
          issues: [{ in: 'body', path: '/function_name', message: `not exported by version ${latest.version}` }],
        });
      }
      const updated = await updateSpell(services.db, spell.id, settingsChanges(request.body), services.clock.now());
      const stats = await readSpellStats(services.db, spell.id);
      return viewSpell(updated, {
        tenantId: auth.tenant.id,
        owner: auth.tenant.handle,
        latestVersion: latest?.version ?? null,
        casts: { total: stats.casts, succeeded: stats.succeeded, failed: stats.failed },
      });
    },
  );

  app.delete(
    '/v1/spells/:name',
    {
      schema: {
        operationId: 'deleteSpell',
        tags,
        summary: 'Delete your spell: out of the catalog at once, its name never reused',
        description:
          'Past casts stay in the history. Casts pinned to one of its versions (`owner/name@N`) keep working for ' +
          '`SPELL_RETIREMENT_DAYS` (default 30), then answer `410 spell_retired`; unpinned casts answer 410 at once. ' +
          'That window is for a spell deleted while public: other tenants never see a private one, pinned or not. ' +
          'Neither the name nor its version numbers are given to another spell, yours or anyone’s.',
        params: nameParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const spell = await findOwnSpell(services, authOf(request.auth), request.params.name);
      await deleteSpell(services.db, spell.id, services.clock.now());
      return reply.status(204).send(null);
    },
  );
};
