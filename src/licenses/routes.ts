import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findUserByEmail, type UserRow } from '../auth/accounts.js';
import { loginThrottleOf, refuseThrottledSignIn } from '../auth/login-throttle.js';
import { hashPassword, newPasswordSchema, verifyPassword } from '../auth/passwords.js';
import { startSession } from '../auth/sign-in.js';
import { tenantSchema, userSchema, viewTenant, viewUser } from '../auth/views.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { claimLicenseKey, claimLicenseKeyForAccount } from './claim.js';
import { normalizeLicenseKey } from './keys.js';

const name = z.string().trim().min(1).max(100);

/** A claim with an existing account's email: its password is checked, and counted like a sign-in. */
async function claimForAccount(
  services: Services,
  claim: { key: string | undefined; user: UserRow; password: string; ip: string; now: Date },
) {
  const { key, user, now } = claim;
  const passwordMatches = await verifyPassword(user.passwordHash, claim.password);
  const throttle = loginThrottleOf(services);
  if (passwordMatches) await throttle.recordSuccess(user.email, claim.ip);
  else await throttle.recordFailure(user.email, claim.ip);
  return claimLicenseKeyForAccount(services.db, { key, user, passwordMatches, now });
}

/** `POST /v1/public/license/claim`: a license key buys an account with a `LIFETIME` plan. */
export const licenseClaimRoute: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { config } = services;
  const limitClaims = app.createIpLimit('license_claim', config.licenses.claimsPerMinute);

  app.post(
    '/v1/public/license/claim',
    {
      config: { auth: 'anonymous', limit: 'manual' },
      // Counted before the body is even validated: every guess costs quota.
      onRequest: limitClaims,
      schema: {
        operationId: 'claimLicenseKey',
        tags: ['licenses'],
        security: [],
        summary: 'Claim a license key: a LIFETIME entitlement for a new account (or an existing one, with its password), signed in',
        description:
          `Limited to ${config.licenses.claimsPerMinute} requests a minute per IP. With a new email the claim creates the account, its ` +
          'tenant and the LIFETIME entitlement. With the email of an existing account it needs that account\'s password and grants ' +
          'LIFETIME to its tenant (display_name and tenant_name are then ignored); 409 when the tenant already has a lifetime plan ' +
          '(the key stays unused). An unknown, used or revoked key, and a wrong password for an existing email, all answer ' +
          'invalid_license_key. A wrong password counts as a failed sign-in (see POST /v1/auth/login): past the limit, 429.',
        body: z.object({
          email: z.email({ error: 'must be an email address' }).max(254),
          password: newPasswordSchema,
          display_name: name.optional(),
          tenant_name: name.optional().describe('The new tenant\'s name; defaults to display_name, then the email, as at sign-up'),
          license_key: z.string().min(1).max(100),
        }),
        response: {
          201: z.object({ token: z.string(), user: userSchema, tenant: tenantSchema, expires_at: z.string() }),
          ...errorResponses(400, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const key = normalizeLicenseKey(body.license_key, config.licenses.keyPrefix);
      const now = services.clock.now();
      const invalid = () =>
        new AppError(
          'invalid_license_key',
          'This license key cannot be claimed (or, for an existing account, the password is wrong). Check both, or ask whoever sold you the key.',
        );
      // Every claim spends one Argon2 run. An existing account's email needs that account's password:
      // a wrong one counts as a failed sign-in and answers exactly like a bad key, after the same
      // work, so a claim never tells a valid key apart and is no way around the sign-in throttle.
      await refuseThrottledSignIn(services, { email: body.email, ip: request.ip, reply });
      const existing = await findUserByEmail(services.db, body.email);
      const result = existing
        ? await claimForAccount(services, { key, user: existing, password: body.password, ip: request.ip, now })
        : await claimLicenseKey(services.db, {
            key,
            email: body.email,
            passwordHash: await hashPassword(body.password),
            displayName: body.display_name,
            tenantName: body.tenant_name,
            now,
          });
      if (!result.ok && result.reason === 'already_lifetime') {
        throw new AppError('conflict', 'This account already has a lifetime plan; the license key was not used.');
      }
      // An email registered between the look-up and the claim: the key stays unused.
      if (!result.ok) throw invalid();
      const session = await startSession(services, reply, result.user.id);
      return reply.status(201).send({
        token: session.token,
        user: viewUser(result.user, result.tenant.id),
        tenant: viewTenant(result.tenant),
        expires_at: session.expiresAt.toISOString(),
      });
    },
  );
};
