/**
 * `POST /v1/spells`: a spell with its settings, and optionally its first module, in one request.
 * With a module (a multipart form) the module is checked before anything is written, then the
 * spell and its version 1 are stored in one transaction: a refused module, or a name another
 * create took first, leaves nothing behind.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../http/json-depth.js';
import { findNul } from '../http/nul-bytes.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { checkSpellModule } from './module-checks.js';
import { acceptModules, moduleFileSchema, readModuleForm, refuseOversized } from './module-upload.js';
import { createSpell, createSpellWithVersion, findOwnedSpell, type NewSpell, type SpellRow } from './registry.js';
import { viewPriceHistory } from './price-history.js';
import { checkSettings, DEFAULT_FUNCTION_NAME, settingsChanges, spellSettingsFields } from './settings.js';
import { newSpellName, spellDetailSchema, viewSpell, viewVersion } from './views.js';

/** The form field holding the spell's settings as JSON, beside the `module` file. */
const SETTINGS_FIELD = 'spell';

/** Modules read from a form before validation, for the handler. */
const formModules = new WeakMap<FastifyRequest, Buffer>();

function refuseForm(message: string, path = ''): AppError {
  return new AppError('validation_failed', message, { issues: [{ in: 'body', path, message }] });
}

/**
 * Turns a multipart create into the JSON body the route's schema validates (the `spell` field),
 * keeping its `module` for the handler. Runs as the route's preValidation, so the edge's own
 * rules for JSON bodies (no NUL, bounded nesting) are applied here to the field.
 */
async function readCreateForm(request: FastifyRequest, maxBytes: number): Promise<void> {
  if (Buffer.isBuffer(request.body)) {
    throw new AppError('unsupported_media_type', `Send the spell as JSON, or as a form with its settings in "${SETTINGS_FIELD}" and its .wasm file in "module".`);
  }
  if (!request.isMultipart()) return;
  // Nobody's upload is read before we know who sends it.
  authOf(request.auth);
  const form = await readModuleForm(request);
  const unknown = [...form.fields.keys()].filter((field) => field !== SETTINGS_FIELD);
  if (unknown.length > 0) throw refuseForm(`The form has fields "${SETTINGS_FIELD}" and "module" only, not "${unknown.join('", "')}".`);
  const text = form.fields.get(SETTINGS_FIELD);
  if (text === undefined) throw refuseForm(`The form has no field "${SETTINGS_FIELD}" (the spell's name and settings, as JSON).`);
  if (!form.module) throw refuseForm('The form has no file field named "module"; send JSON to create a spell without a version.');
  refuseOversized(form.module, maxBytes);
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch {
    throw refuseForm(`The form field "${SETTINGS_FIELD}" is not valid JSON.`);
  }
  const nul = findNul(settings);
  if (nul !== null) throw refuseForm('Text may not contain the NUL character (\\u0000).', nul);
  if (jsonDepth(settings) > MAX_JSON_DEPTH) throw refuseForm(`The form field "${SETTINGS_FIELD}" nests arrays and objects more than ${MAX_JSON_DEPTH} deep.`);
  request.body = settings;
  formModules.set(request, form.module);
}

export const createSpellRoute: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const maxBytes = services.config.spells.maxModuleBytes;
  await acceptModules(app, maxBytes);
  const body = z.object({ name: newSpellName, ...spellSettingsFields(services.config.spells.maxTimeoutMs) }).strict();

  app.post(
    '/v1/spells',
    {
      // A form's module and settings have their own caps (module-upload.ts); JSON keeps the default body limit.
      preValidation: (request) => readCreateForm(request, maxBytes),
      config: {
        openapi: {
          otherContent: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: [SETTINGS_FIELD, 'module'],
                properties: {
                  [SETTINGS_FIELD]: { type: 'string', contentMediaType: 'application/json', description: 'The JSON body, as text' },
                  module: moduleFileSchema,
                },
              },
            },
          },
        },
      },
      schema: {
        operationId: 'createSpell',
        tags: ['spells'],
        summary: 'Create a spell, with its first version in the same request',
        description:
          'JSON creates a spell without a version (upload one with POST /v1/spells/{name}/versions). A multipart form ' +
          `creates it with its first version: the JSON in field \`${SETTINGS_FIELD}\`, the .wasm in file field \`module\`. ` +
          'The module is checked first (as an upload is) and the spell and its version are stored together: a refused ' +
          'module (`400 validation_failed`, with `check` naming why) or a taken name (409) leaves nothing behind.',
        body,
        response: { 201: spellDetailSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      checkSettings(request.body);
      const { name } = request.body;
      const spell: NewSpell = { tenantId: auth.tenant.id, ownerUserId: auth.user.id, name, ...settingsChanges(request.body) };
      const owner = auth.tenant.handle;
      // Names are per owner: only the caller's own spells (deleted ones too) can hold this one.
      const taken = async () => {
        const held = await findOwnedSpell(services.db, auth.tenant.id, name);
        return new AppError(
          'conflict',
          held?.deletedAt ? `You deleted ${owner}/${name}; a deleted spell's name is never reused. Choose another name.` : `You already have a spell named ${owner}/${name}.`,
          { field: 'name' },
        );
      };
      const now = services.clock.now();
      const view = (row: SpellRow, latestVersion: number | null) => ({
        ...viewSpell(row, { tenantId: auth.tenant.id, owner, latestVersion }),
        readme: row.readme,
        price_history: viewPriceHistory([{ priceCents: row.priceCents, from: now }]),
      });
      const module = formModules.get(request);
      if (!module) {
        const created = await createSpell(services.db, spell, now);
        if (!created.ok) throw await taken();
        return reply.status(201).send({ ...view(created.spell, null), versions: [] });
      }
      // Checking a module takes a compile: a name already taken is told first.
      if (await findOwnedSpell(services.db, auth.tenant.id, name)) throw await taken();
      const { exports } = await checkSpellModule(services.runtime, module, request.body.function_name ?? DEFAULT_FUNCTION_NAME);
      const created = await createSpellWithVersion(services.db, spell, { bytes: module, exports }, now);
      if (!created.ok) throw await taken();
      const { version } = created;
      return reply.status(201).send({ ...view(created.spell, version.version), versions: [viewVersion(version)] });
    },
  );
};
