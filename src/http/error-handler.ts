import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isConnectionLost, isDiskFull } from '../db/errors.js';
import { AppError, type ErrorBody } from '../errors.js';

/** Fastify's own error codes that map to one of ours; anything else is an internal error. */
const fastifyCodes: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('payload_too_large', 'The request body is too large.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError('unsupported_media_type', 'This endpoint does not accept that Content-Type.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('validation_failed', 'The request body is not valid JSON.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError('validation_failed', 'The request body is empty but Content-Type is application/json.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AppError('validation_failed', 'The Content-Length header does not match the body.'),
  FST_ERR_BAD_URL: () => new AppError('validation_failed', 'The URL holds a malformed percent-encoding.'),
  FST_ERR_MAX_PARAM_LENGTH: () => new AppError('validation_failed', 'A path parameter of the URL is too long.'),
  FST_REQ_FILE_TOO_LARGE: () => new AppError('payload_too_large', 'The uploaded file is too large.'),
  FST_FILES_LIMIT: () => new AppError('payload_too_large', 'The form has more files than this endpoint takes (one, "module").'),
  FST_FIELDS_LIMIT: () => new AppError('payload_too_large', 'The form has more fields than this endpoint takes.'),
  FST_PARTS_LIMIT: () => new AppError('payload_too_large', 'The form has more parts than this endpoint takes.'),
  FST_PROTO_VIOLATION: () => new AppError('validation_failed', 'A form field may not be named __proto__ or constructor.'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () =>
    new AppError('unsupported_media_type', 'Expected a multipart/form-data request.'),
  FST_CSRF_MISSING_SECRET: () =>
    new AppError('csrf_invalid', 'Cookie-authenticated writes need the x-csrf-token header (GET /v1/auth/csrf).'),
  FST_CSRF_INVALID_TOKEN: () =>
    new AppError('csrf_invalid', 'Cookie-authenticated writes need the x-csrf-token header (GET /v1/auth/csrf).'),
};

/** Turns anything thrown into one of our errors; unknown ones become `internal_error`. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('validation_failed', 'The request does not match the schema.', {
      issues: error.validation.map((issue) => ({
        in: error.validationContext ?? 'body',
        path: issue.instancePath,
        message: issue.message,
      })),
    });
  }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const mapped = code ? fastifyCodes[code] : undefined;
  if (mapped) return mapped();
  // A full disk first: a write that fails for want of space can also take its connection down.
  if (isDiskFull(error)) {
    return new AppError('service_unavailable', 'The server\'s disk is full; writes fail until an operator frees space.', { reason: 'disk_full' });
  }
  if (isConnectionLost(error)) {
    return new AppError('service_unavailable', 'The database is not reachable; try again shortly.', { reason: 'database' });
  }
  return new AppError('internal_error', 'Something went wrong on our side.');
}

function renderError(request: FastifyRequest, reply: FastifyReply, appError: AppError): FastifyReply {
  const body: ErrorBody = { ...appError.details, error: appError.code, message: appError.message };
  if (appError.statusCode >= 500) body.request_id = request.id;
  return reply.status(appError.statusCode).send(body);
}

/** Errors Fastify's router meets before any route or hook runs (a malformed URL), in our shape. */
export function renderFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return renderError(request, reply, toAppError(error));
}

/** The one place errors become responses, including unknown routes. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal_error' || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
    }
    if (appError.code === 'service_unavailable' && appError !== error) {
      request.log.warn({ err: error, reason: appError.details.reason }, 'request failed: a dependency is unavailable');
    }
    return renderError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    renderError(request, reply, new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`)),
  );
}
