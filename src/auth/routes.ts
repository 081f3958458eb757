import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { createAccount, findUserByEmail } from './accounts.js';
import { cookieOptions, SESSION_COOKIE } from './cookies.js';
import { hashPassword, newPasswordSchema as password, verifyPassword } from './passwords.js';
import { authOf } from './access.js';
import { loginThrottleOf, refuseThrottledSignIn } from './login-throttle.js';
import { deleteSession } from './sessions.js';
import { startSession } from './sign-in.js';
import { tenantSchema, userSchema, viewTenant, viewUser } from './views.js';

const email = z.email({ error: 'must be an email address' }).max(254);

const sessionResponse = z.object({ token: z.string(), user: userSchema, expires_at: z.string() });

export const authRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['auth'];
  const throttle = loginThrottleOf(services);

  app.post(
    '/v1/auth/register',
    {
      config: { auth: 'anonymous' },
      schema: {
        operationId: 'register',
        tags,
        security: [],
        summary: 'Create an account (a user and its tenant) and sign in',
        body: z.object({ email, password, display_name: z.string().trim().min(1).max(100).optional() }),
        description: 'The answer carries the new tenant, with the `handle` its spells are published under (derived from the display name or the email; change it with `PATCH /v1/tenant`).',
        response: { 201: sessionResponse.extend({ tenant: tenantSchema }), ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const { email: address, password: secret, display_name: displayName } = request.body;
      const created = await createAccount(services.db, {
        email: address,
        displayName,
        passwordHash: await hashPassword(secret),
      });
      if (!created.ok) throw new AppError('conflict', 'An account with this email already exists.', { field: 'email' });
      const session = await startSession(services, reply, created.user.id);
      return reply.status(201).send({
        token: session.token,
        user: viewUser(created.user, created.tenant.id),
        tenant: viewTenant(created.tenant),
        expires_at: session.expiresAt.toISOString(),
      });
    },
  );

  app.post(
    '/v1/auth/login',
    {
      config: { auth: 'anonymous' },
      schema: {
        operationId: 'login',
        tags,
        security: [],
        summary: 'Sign in with email and password; returns a new session token',
        description:
          'Counted per client IP whatever credentials are sent. After LOGIN_FAILURES_PER_ACCOUNT_IP failures from one IP ' +
          'against an account (or LOGIN_FAILURES_PER_ACCOUNT from all IPs, for IPs that have failed against it) that IP gets ' +
          '429 rate_limited with Retry-After until LOGIN_LOCKOUT_SECONDS after the first failure.',
        body: z.object({ email: z.string().max(254), password: z.string().max(256) }),
        response: { 200: sessionResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email: address, password: secret } = request.body;
      await refuseThrottledSignIn(services, { email: address, ip: request.ip, reply });
      const user = await findUserByEmail(services.db, address);
      if (!(await verifyPassword(user?.passwordHash, secret)) || !user) {
        await throttle.recordFailure(address, request.ip);
        throw new AppError('unauthorized', 'The email or the password is incorrect.');
      }
      await throttle.recordSuccess(address, request.ip);
      const session = await startSession(services, reply, user.id);
      return {
        token: session.token,
        user: viewUser(user, user.tenantId),
        expires_at: session.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      schema: { operationId: 'logout', tags, summary: 'End the current session', response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) } },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (auth?.kind !== 'session') {
        throw new AppError('validation_failed', 'API keys do not sign out; revoke them with DELETE /v1/keys/:prefix.');
      }
      await deleteSession(services.db, auth.credentialId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(services.config));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/auth/session',
    {
      schema: {
        operationId: 'getSession',
        tags,
        summary: 'Who is signed in',
        response: {
          200: z.object({ kind: z.enum(['session', 'api_key']), user: userSchema, tenant: tenantSchema }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      return { kind: auth.kind, user: viewUser(auth.user, auth.tenant.id), tenant: viewTenant(auth.tenant) };
    },
  );

  app.get(
    '/v1/auth/csrf',
    {
      schema: {
        operationId: 'getCsrfToken',
        tags,
        summary: 'A CSRF token for cookie-authenticated writes (send it as x-csrf-token)',
        response: { 200: z.object({ csrf_token: z.string() }), ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => ({ csrf_token: reply.generateCsrf({ userInfo: authOf(request.auth).credentialId }) }),
  );
};
