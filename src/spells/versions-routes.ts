import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { publishVersion } from './registry.js';
import { findOwnSpell } from './own-spell.js';
import type { SpellRuntime } from './runtime/index.js';
import { spellName, versionSchema, viewVersion } from './views.js';

const WASM_TYPES = ['application/wasm', 'application/octet-stream'];

/** Reads the module from a raw `application/wasm` body or the `module` field of a multipart form. */
async function readModule(request: FastifyRequest): Promise<Buffer> {
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'module') return part.toBuffer();
      // Any other file must be drained, or the parser never reaches the next part.
      if (part.type === 'file') part.file.resume();
    }
    throw new AppError('validation_failed', 'The form has no file field named "module".');
  }
  if (Buffer.isBuffer(request.body)) return request.body;
  throw new AppError('unsupported_media_type', 'Send the module as application/wasm or as multipart field "module".');
}

/**
 * Upload-time checks, in the runtime's compile worker: a real Wasm module within the platform's
 * structural limits (functions, body size, nesting, tables, declared memory) that compiles within
 * its time bound and exports the spell's function. A refusal names the limit (`limit`).
 */
async function validateModule(runtime: SpellRuntime, bytes: Uint8Array, functionName: string): Promise<{ exports: string[] }> {
  if (bytes.byteLength === 0) throw new AppError('validation_failed', 'The module is empty.');
  const inspected = await runtime.inspect(bytes);
  if (!inspected.ok && inspected.failure === 'format') {
    throw new AppError('validation_failed', `Not a valid WebAssembly module: ${inspected.reason}`);
  }
  if (!inspected.ok) {
    throw new AppError('validation_failed', `The module is over the platform's limits: ${inspected.reason}.`, {
      limit: inspected.failure,
    });
  }
  if (!inspected.exports.includes(functionName)) {
    throw new AppError('validation_failed', `The module does not export the function "${functionName}".`, {
      exports: inspected.exports,
    });
  }
  return { exports: inspected.exports };
}

/** The two ways a module arrives, for the OpenAPI document (the body is read by `readModule`, not by a schema). */
const moduleBody = {
  description: 'The compiled module: the raw bytes, or a form whose file field `module` holds them (as a browser sends it).',
  content: {
    'application/wasm': { schema: { type: 'string', contentMediaType: 'application/wasm' } },
    'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['module'],
        properties: { module: { type: 'string', contentMediaType: 'application/wasm', description: 'The .wasm file' } },
      },
    },
  },
};

export const uploadRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const maxBytes = services.config.spells.maxModuleBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10 }, throwFileSizeLimit: true });
  app.addContentTypeParser(WASM_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));

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
          'The module is checked in a compile worker: valid Wasm that defines its own memory, within the structural limits ' +
          '(functions, function body size, block nesting, table size, initial memory, compile time). A refusal is ' +
          '400 validation_failed with the reason in `message` and, for a limit, its name in `limit`.',
        params: z.object({ name: spellName }),
        response: { 201: versionSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const spell = await findOwnSpell(services, auth, request.params.name);
      const bytes = await readModule(request);
      // The route's body limit leaves room for multipart framing; the module itself gets the exact cap.
      if (bytes.byteLength > maxBytes) {
        throw new AppError('payload_too_large', `The module is ${bytes.byteLength} bytes; the limit is ${maxBytes}.`);
      }
      const { exports } = await validateModule(services.runtime, bytes, spell.functionName);
      const version = await publishVersion(services.db, { spellId: spell.id, bytes, exports, now: services.clock.now() });
      return reply.status(201).send(viewVersion(version));
    },
  );
};
