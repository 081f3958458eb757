import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { cookieOptions, CSRF_COOKIE, SESSION_COOKIE } from './cookies.js';
import { isKeyUseStale, recordApiKeyUse } from './api-keys.js';
import { resolveToken, type AuthContext } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, or `null` for an anonymous request. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /**
     * `public` routes take anonymous callers; `anonymous` routes (register, sign-in, license claim)
     * ignore any credentials sent, so they always count against the client IP's limit; `session`
     * routes (managing API keys, the account's handle) need a signed-in session, so an API key cannot
     * mint or revoke keys or rename the account;
     * `admin` routes have their own guard and never see a consumer's credentials; every other route
     * requires a consumer's session or API key.
     */
    auth?: 'public' | 'anonymous' | 'required' | 'session' | 'admin';
    /** `manual` routes call `enforceRateLimit` themselves (at the right step); `off` is never limited. */
    limit?: 'auto' | 'manual' | 'off';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns the caller's credentials: the Authorization header wins over the cookie. */
function readCredentials(request: FastifyRequest): { token: string; via: AuthContext['via'] } | null | 'malformed' {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ? { token: match[1], via: 'bearer' } : 'malformed';
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Resolves who is calling and applies the checks every route shares, in the order the
 * product promises: credentials, then CSRF for cookie writes, then the rate limit.
 * Anonymous requests are counted per IP before being refused, so guessing costs quota.
 */
export const access = fp<{ services: Services }>(
  async (app: FastifyInstance, { services }) => {
    await app.register(csrfProtection, {
      cookieKey: CSRF_COOKIE,
      cookieOpts: cookieOptions(services.config, { signed: true }),
      getToken: (request) => {
        const token = request.headers['x-csrf-token'];
        return typeof token === 'string' ? token : undefined;
      },
      getUserInfo: (request) => request.auth?.credentialId ?? '',
      csrfOpts: { hmacKey: services.cookieSecret },
    });
    app.decorateRequest('auth', null);

    app.addHook('onRequest', async (request) => {
      // Routes open to anyone and never limited (health, metrics, docs, Stripe's webhook) do not
      // need to know the caller: skip the credential lookup.
      const { auth, limit } = request.routeOptions.config;
      if ((auth === 'public' && limit === 'off') || auth === 'anonymous' || auth === 'admin') return;
      const credentials = readCredentials(request);
      if (credentials === null || credentials === 'malformed') return;
      const now = services.clock.now();
      request.auth = await resolveToken(services.db, credentials.token, { via: credentials.via, now });
      const { auth: caller } = request;
      // Off the request's path: a failed write of `last_used_at` never fails the request.
      if (caller?.kind === 'api_key' && isKeyUseStale(caller.keyLastUsedAt, now)) {
        recordApiKeyUse(services.db, { id: caller.credentialId, now }).catch((error: unknown) =>
          request.log.warn({ err: (error as Error).message }, 'could not record the API key use'),
        );
      }
    });

    app.addHook('preHandler', async (request, reply) => {
      const config = request.routeOptions.config;
      if (config.auth === 'admin') return;
      const limit = config.limit ?? 'auto';
      if (request.auth === null && limit !== 'off') await app.enforceRateLimit(request, reply);
      const open = config.auth === 'public' || config.auth === 'anonymous';
      if (request.auth === null && !open && !request.is404) {
        const sent = request.headers.authorization !== undefined || request.cookies[SESSION_COOKIE] !== undefined;
        throw new AppError(
          'unauthorized',
          sent ? 'The credentials are invalid, expired or revoked.' : 'Sign in or send an API key as a Bearer token.',
        );
      }
      if (config.auth === 'session' && request.auth?.kind === 'api_key') {
        throw new AppError('forbidden', 'This needs a signed-in session: an API key cannot manage API keys or the account.');
      }
    });

    app.addHook('preHandler', (request, reply, done) => {
      if (request.auth?.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
        app.csrfProtection(request, reply, done);
        return;
      }
      done();
    });

    app.addHook('preHandler', async (request, reply) => {
      const limit = request.routeOptions.config.limit ?? 'auto';
      if (request.auth !== null && limit === 'auto') await app.enforceRateLimit(request, reply);
    });
  },
  { name: 'spell-access', dependencies: ['spell-rate-limiting', '@fastify/cookie'] },
);

/** Narrows the caller on routes that require one (the access hook has already refused anonymous calls). */
export function authOf(auth: AuthContext | null): AuthContext {
  if (auth === null) throw new AppError('unauthorized', 'Sign in or send an API key as a Bearer token.');
  return auth;
}
