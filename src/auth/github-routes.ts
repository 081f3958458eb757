import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { cookieOptions, OAUTH_STATE_COOKIE } from './cookies.js';
import { signInWithGitHub } from './github-accounts.js';
import { fetchGitHubIdentity, githubAuthorizeUrl } from './github.js';
import { startSession } from './sign-in.js';
import { digestsEqual, hashSecret } from './tokens.js';
import { userSchema, viewUser } from './views.js';

const STATE_TTL_SECONDS = 600;

/**
 * "Sign in with GitHub": `/auth/github` sends the browser to GitHub with a random `state`
 * remembered in a signed, short-lived cookie; the callback accepts the code only when GitHub
 * returns that same state, then signs the user in (creating the user and tenant the first time).
 */
export const githubRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { config } = services;
  const redirectUri = config.github?.redirectUri ?? `${config.publicUrl}/auth/callback`;
  const open = { auth: 'public' } as const;

  function requireGitHub() {
    if (!config.github) {
      throw new AppError('not_configured', 'GitHub sign-in is not configured on this server (GITHUB_CLIENT_ID/SECRET).');
    }
    return config.github;
  }

  app.get(
    '/auth/github',
    {
      config: open,
      schema: {
        operationId: 'startGithubSignIn',
        tags: ['auth'],
        summary: 'Start GitHub sign-in (redirects to GitHub)',
        response: {
          302: z.null().describe('To GitHub’s authorization page, with a state cookie set'),
          ...errorResponses(429, 501),
        },
      },
    },
    async (_request, reply) => {
      const github = requireGitHub();
      const state = randomBytes(24).toString('base64url');
      reply.setCookie(OAUTH_STATE_COOKIE, state, cookieOptions(config, { signed: true, maxAge: STATE_TTL_SECONDS }));
      return reply.redirect(githubAuthorizeUrl(github, { state, redirectUri }));
    },
  );

  const callbackSchema = {
    tags: ['auth'],
    summary: 'GitHub OAuth callback: checks state, signs in, redirects to the web app (or JSON with Accept: application/json)',
    querystring: z.object({
      code: z.string().min(1).max(512).optional(),
      state: z.string().max(512).optional(),
      error: z.string().max(200).optional(),
    }),
    response: {
      200: z
        .object({ token: z.string(), user: userSchema, created: z.boolean() })
        .describe('With `Accept: application/json`: the session, and whether the account was just created'),
      302: z.null().describe('To the web app, signed in (the session cookie is set)'),
      ...errorResponses(400, 409, 429, 501),
    },
  };

  async function handleCallback(
    request: FastifyRequest<{ Querystring: z.infer<typeof callbackSchema.querystring> }>,
    reply: FastifyReply,
  ) {
    const github = requireGitHub();
    const { code, state, error } = request.query;
    const remembered = reply.unsignCookie(request.cookies[OAUTH_STATE_COOKIE] ?? '');
    reply.clearCookie(OAUTH_STATE_COOKIE, cookieOptions(config, { signed: true }));
    if (error) throw new AppError('invalid_oauth_state', `GitHub refused the sign-in: ${error}.`);
    if (!code || !state || !remembered.valid || !remembered.value || !digestsEqual(hashSecret(state), hashSecret(remembered.value))) {
      throw new AppError('invalid_oauth_state', 'The sign-in could not be verified (state mismatch or expired); start again.');
    }
    const fetched = await fetchGitHubIdentity(github, { code, redirectUri });
    if (!fetched.ok) throw new AppError('invalid_oauth_state', `GitHub did not accept the code (${fetched.reason}).`);
    const signedIn = await signInWithGitHub(services.db, fetched.identity);
    if (!signedIn.ok) {
      throw new AppError(
        'conflict',
        signedIn.reason === 'no_verified_email'
          ? 'Your GitHub account has no verified email address.'
          : 'This email already belongs to another account.',
      );
    }
    const session = await startSession(services, reply, signedIn.user.id);
    if (request.headers.accept?.includes('application/json')) {
      return reply.send({ token: session.token, user: viewUser(signedIn.user, signedIn.user.tenantId), created: signedIn.created });
    }
    return reply.redirect('/');
  }

  app.get('/auth/callback', { config: open, schema: { ...callbackSchema, operationId: 'finishGithubSignIn' } }, handleCallback);
  app.get(
    '/auth/github/callback',
    { config: open, schema: { ...callbackSchema, operationId: 'finishGithubSignInAlias', description: 'The same as `/auth/callback`.' } },
    handleCallback,
  );
};
