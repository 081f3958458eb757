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
 * answers them in the one error shape instead, then closes the connection.
 */
export function createClientErrorHandler(logger: FastifyBaseLogger): (error: ConnectionError, socket: Socket) => void {
  // The parser reports the same connection again as the rest of a refused request arrives.
  const answered = new WeakSet<Socket>();
  return (error, socket) => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    const appError = toClientError(error.code);
    logger.debug({ err: error }, 'client error');
    const body: ErrorBody = { error: appError.code, message: appError.message };
    const json = JSON.stringify(body);
    if (!socket.writable) {
      socket.destroy(error);
      return;
    }
    socket.end(
      `HTTP/1.1 ${appError.statusCode} ${STATUS_CODES[appError.statusCode] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Connection: close\r\n\r\n' +
        json,
    );
    // Closing while the client's bytes sit unread makes the kernel reset the connection, and the
    // client may lose the answer before reading it (on Node 24 the parser refuses big headers
    // early enough for that). So the rest is read and dropped until the client is done, or a second.
    socket.resume();
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  };
}

const LINGER_MS = 1_000;
