import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards `/metrics` with `METRICS_TOKEN` when one is configured (sent as `Authorization: Bearer
 * <token>`, as Prometheus' `authorization` scrape setting does); without one the endpoint stays
 * open, as the spec has it. Both sides are hashed first so the comparison takes the same time
 * whatever the length or content of what was sent.
 */
export function requireMetricsToken(token: string | undefined): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = token === undefined ? undefined : digest(token);
  return async (request, reply) => {
    if (expected === undefined) return;
    const header = request.headers.authorization ?? '';
    const sent = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    if (timingSafeEqual(digest(sent), expected)) return;
    void reply.header('www-authenticate', 'Bearer realm="metrics"');
    throw new AppError('unauthorized', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.');
  };
}
