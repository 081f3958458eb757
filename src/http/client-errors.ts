import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyBaseLogger } from 'fastify';
import { AppError, type ErrorBody } from '../errors.js';

/** What Node's HTTP parser refused, as one of our errors. */
function toClientError(code: string): AppError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new AppError('headers_too_large', 'The request headers are larger than this server accepts.');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError('request_timeout', 'The request did not arrive in time.');
  }
  return new AppError('validation_failed', 'The request is not valid HTTP.');
}

/**
 * Node refuses some requests before Fastify sees them (headers past `--max-http-header-size`, a
 * request that does not arrive in time, bytes that are not HTTP) and answers them itself. This
 * answers them in the one error shape instead, then closes the connection as Node does.
 */
export function createClientErrorHandler(logger: FastifyBaseLogger): (error: ConnectionError, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const appError = toClientError(error.code);
    logger.debug({ err: error }, 'client error');
    const body: ErrorBody = { error: appError.code, message: appError.message };
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${appError.statusCode} ${STATUS_CODES[appError.statusCode] ?? ''}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(json)}\r\n` +
          'Connection: close\r\n\r\n' +
          json,
      );
    }
    socket.destroy(error);
  };
}
