import type { FastifyReply } from 'fastify';
import type { Services } from '../services.js';
import { cookieOptions, SESSION_COOKIE } from './cookies.js';
import { createSession } from './sessions.js';

/**
 * Starts a fresh session for `userId` (never reusing one, so a planted session id is useless)
 * and hands it out both ways: as the bearer token in the body and as the HttpOnly cookie.
 */
export async function startSession(
  services: Services,
  reply: FastifyReply,
  userId: string,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const session = await createSession(services.db, {
    userId,
    now: services.clock.now(),
    ttlMs: services.config.sessionTtlMs,
  });
  reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(services.config, { expires: session.expiresAt }));
  return session;
}
