import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { checkSpellModule } from './module-checks.js';
import { acceptModules, moduleBody, readModule, refuseOversized } from './module-upload.js';
import { publishVersion } from './registry.js';
import { findOwnSpell } from './own-spell.js';
import { functionName } from './settings.js';
import { spellName, versionSchema, viewVersion } from './views.js';

/** A spell's next version; a new spell with its first one is create-routes.ts. */
export const uploadRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const maxBytes = services.config.spells.maxModuleBytes;
  await acceptModules(app, maxBytes);

  app.post(
    '/v1/spells/:name/versions',
    {
      bodyLimit: maxBytes + 64 * 1024,
      config: { openapi: { requestBody: moduleBody } },
      schema: {
        operationId: 'uploadSpellVersion',
        tags: ['spells'],
        summary: 'Upload a new version (raw application/wasm body, or multipart field "module")',
        description:
          'The module is checked in a compile worker before anything is stored: valid Wasm within the structural limits ' +
          '(functions, function body size, block nesting, table size, initial memory, compile time), importing only what ' +
          'the platform provides (Extism’s kernel `extism:host/env`, WASI preview 1 `wasi_snapshot_preview1`), defining ' +
          'its own memory, and exporting the spell’s function (or `function_name`, which the spell then switches to). A refusal is 400 validation_failed: the reason in `message`, ' +
          'the check in `check` (`format`, a limit’s name, `imports` with each refused import in `imports`, `no_memory`, ' +
          '`exports` with the exported functions in `exports`). A deleted spell takes no new version: `410 spell_retired`.',
        params: z.object({ name: spellName }),
        querystring: z.object({
          function_name: functionName
            .optional()
            .describe('Switch the spell to this function with this version (checked against this module, in the same transaction)'),
        }),
        response: { 201: versionSchema, ...errorResponses(400, 401, 403, 404, 410, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name);
      const bytes = await readModule(request);
      refuseOversized(bytes, maxBytes);
      const switchTo = request.query.function_name;
      const { exports } = await checkSpellModule(services.runtime, bytes, switchTo ?? spell.functionName);
      const version = await publishVersion(services.db, { spellId: spell.id, bytes, exports, now: services.clock.now(), functionName: switchTo });
      return reply.status(201).send(viewVersion(version));
    },
  );
};
