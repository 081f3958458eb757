import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../http/cursor.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { countSpellCasts, republishSpell, searchAllSpells, spellStatus, SPELL_STATUSES, unpublishSpell, type Moderation, type ModeratedSpell } from '../spells/moderation.js';
import { ownerHandle, spellName } from '../spells/views.js';
import { adminOf } from './access.js';
import { operatorActor } from './views.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

const adminSpellSchema = z
  .object({
    id: z.uuid(),
    owner: z.string().describe('The owner’s handle'),
    name: z.string(),
    full_name: z.string().describe('`owner/name`'),
    tenant_id: z.uuid(),
    description: z.string(),
    visibility: z.enum(['public', 'private']),
    status: z.enum(SPELL_STATUSES).describe('`live`, `unpublished` (by an operator) or `deleted` (by its owner)'),
    casts: z.number().int().describe('Casts of the spell by everyone'),
    unpublished: z.object({ at: z.string(), reason: z.string() }).nullable(),
    deleted_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'AdminSpell' });

function viewSpell({ spell, owner, casts }: ModeratedSpell): z.infer<typeof adminSpellSchema> {
  return {
    id: spell.id,
    owner,
    name: spell.name,
    full_name: `${owner}/${spell.name}`,
    tenant_id: spell.tenantId,
    description: spell.description,
    visibility: spell.visibility,
    status: spellStatus(spell),
    casts,
    unpublished: spell.unpublishedAt ? { at: spell.unpublishedAt.toISOString(), reason: spell.unpublishedReason ?? '' } : null,
    deleted_at: iso(spell.deletedAt),
    created_at: spell.createdAt.toISOString(),
  };
}

/** An operator's refusal as the API answers it: a missing spell is 404, the rest 409. */
async function answer(services: Services, outcome: Moderation): Promise<{ spell: z.infer<typeof adminSpellSchema> }> {
  if (!outcome.ok) throw new AppError(outcome.reason === 'not_found' ? 'not_found' : 'conflict', outcome.message);
  const casts = await countSpellCasts(services.db, outcome.spell.id);
  return { spell: viewSpell({ spell: outcome.spell, owner: outcome.owner, casts }) };
}

const spellParams = z.object({ owner: ownerHandle, name: spellName });

export const adminSpellRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['admin'];

  app.get(
    '/v1/admin/spells',
    {
      schema: {
        operationId: 'listAdminSpells',
        tags,
        summary: 'Every tenant’s spells, newest first: search by name, owner handle or description; filter by owner and status',
        querystring: z.object({
          q: z.string().trim().min(1).max(200).optional(),
          owner: ownerHandle.optional().describe('an owner’s handle, exactly'),
          status: z.enum(SPELL_STATUSES).optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({ spells: z.array(adminSpellSchema), next_cursor: z.string().nullable() }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const { q, owner, status, limit, cursor } = request.query;
      const rows = await searchAllSpells(services.db, { q, owner, status, limit: limit + 1, before: cursor ? decodeCursor(cursor) : undefined });
      const { page, nextCursor } = toPage(rows, limit, (row) => row.spell);
      return { spells: page.map(viewSpell), next_cursor: nextCursor };
    },
  );

  app.post(
    '/v1/admin/spells/:owner/:name/unpublish',
    {
      schema: {
        operationId: 'unpublishSpell',
        tags,
        summary: 'Take a public spell out of service, with a reason its owner sees',
        description:
          'The spell leaves the catalog and every cast of it by another tenant, pinned to a version or not, answers ' +
          '`410 spell_retired`; its owner still casts it and sees `unpublished: {at, reason}`, and cannot make it public ' +
          'again. Only a public, live spell: a private, deleted or already unpublished one answers `409 conflict`. ' +
          'Writes `spell_unpublished` to the owner tenant’s audit log.',
        params: spellParams,
        body: z.object({ reason: z.string().trim().min(1).max(500).describe('Shown to the spell’s owner') }),
        response: { 200: z.object({ spell: adminSpellSchema }), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const { owner, name } = request.params;
      const outcome = await unpublishSpell(services.db, {
        owner,
        name,
        reason: request.body.reason,
        actor: operatorActor(adminOf(request)),
        now: services.clock.now(),
      });
      return answer(services, outcome);
    },
  );

  app.post(
    '/v1/admin/spells/:owner/:name/republish',
    {
      schema: {
        operationId: 'republishSpell',
        tags,
        summary: 'Put an unpublished spell back as its owner had it',
        description: 'Clears the unpublish; a spell that is not unpublished, or was deleted since, answers `409 conflict`. Writes `spell_republished`.',
        params: spellParams,
        body: z.object({}).nullish(),
        response: { 200: z.object({ spell: adminSpellSchema }), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const { owner, name } = request.params;
      const outcome = await republishSpell(services.db, { owner, name, actor: operatorActor(adminOf(request)), now: services.clock.now() });
      return answer(services, outcome);
    },
  );
};
