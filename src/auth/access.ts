import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { cookieOptions, CSRF_COOKIE, SESSION_COOKIE } from './cookies.js';
import { resolveToken, type AuthContext } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, or `null` for an anonymous request. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /**
     * `public` routes take anonymous callers; `admin` routes have their own guard and never see
     * a consumer's credentials; every other route requires a consumer's session or API key.
     */
    auth?: 'public' | 'required' | 'admin';
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
      if ((auth === 'public' && limit === 'off') || auth === 'admin') return;
      const credentials = readCredentials(request);
      if (credentials === null || credentials === 'malformed') return;
      request.auth = await resolveToken(services.db, credentials.token, {
        via: credentials.via,
        now: services.clock.now(),
      });
    });

    app.addHook('preHandler', async (request, reply) => {
      const config = request.routeOptions.config;
      if (config.auth === 'admin') return;
      const limit = config.limit ?? 'auto';
      if (request.auth === null && limit !== 'off') await app.enforceRateLimit(request, reply);
      if (request.auth === null && config.auth !== 'public' && !request.is404) {
        const sent = request.headers.authorization !== undefined || request.cookies[SESSION_COOKIE] !== undefined;
        throw new AppError(
          'unauthorized',
          sent ? 'The credentials are invalid, expired or revoked.' : 'Sign in or send an API key as a Bearer token.',
        );
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
