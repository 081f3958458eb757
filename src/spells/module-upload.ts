/**
 * How a module arrives with a request: a raw `application/wasm` body, or the `module` file of a
 * multipart form (as a browser sends it). The routes that take one (a new version, a new spell)
 * share the parsers and the size cap registered here.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const WASM_TYPES = ['application/wasm', 'application/octet-stream'];

/** Spell settings sent beside a module in a form: one JSON field, at most this long. */
const MAX_FIELD_BYTES = 128 * 1024;

/** Registers the multipart and raw-Wasm parsers in `app`'s scope, for modules up to `maxBytes`. */
export async function acceptModules(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: MAX_FIELD_BYTES }, throwFileSizeLimit: true });
  app.addContentTypeParser(WASM_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}

/** The route's body limit leaves room for multipart framing; the module itself gets the exact cap. */
export function refuseOversized(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.byteLength > maxBytes) {
    throw new AppError('payload_too_large', `The module is ${bytes.byteLength} bytes; the limit is ${maxBytes}.`);
  }
}

/** A multipart form's `module` file and its text fields. */
export interface ModuleForm {
  module: Buffer | undefined;
  fields: Map<string, string>;
}

/** Reads a whole multipart form: the `module` file and every text field (other files are drained). */
export async function readModuleForm(request: FastifyRequest): Promise<ModuleForm> {
  const form: ModuleForm = { module: undefined, fields: new Map() };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'module' && form.module === undefined) form.module = await part.toBuffer();
      // Any other file must be drained, or the parser never reaches the next part.
      else part.file.resume();
      continue;
    }
    if (part.valueTruncated) {
      throw new AppError('payload_too_large', `The form field "${part.fieldname}" is over ${MAX_FIELD_BYTES / 1024} KiB.`);
    }
    form.fields.set(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
  }
  return form;
}

/** Reads the module from a raw `application/wasm` body or the `module` field of a multipart form. */
export async function readModule(request: FastifyRequest): Promise<Buffer> {
  if (request.isMultipart()) {
    const { module } = await readModuleForm(request);
    if (module) return module;
    throw new AppError('validation_failed', 'The form has no file field named "module".');
  }
  if (Buffer.isBuffer(request.body)) return request.body;
  throw new AppError('unsupported_media_type', 'Send the module as application/wasm or as multipart field "module".');
}

/** The module in a form, for the OpenAPI document (bodies with a module are read by this file, not by a schema). */
export const moduleFileSchema = { type: 'string', contentMediaType: 'application/wasm', description: 'The .wasm file' };

/** The two ways a version's module arrives, for the OpenAPI document. */
export const moduleBody = {
  description: 'The compiled module: the raw bytes, or a form whose file field `module` holds them (as a browser sends it).',
  content: {
    'application/wasm': { schema: { type: 'string', contentMediaType: 'application/wasm' } },
    'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    'multipart/form-data': { schema: { type: 'object', required: ['module'], properties: { module: moduleFileSchema } } },
  },
};
