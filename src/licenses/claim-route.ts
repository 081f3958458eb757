import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findUserByEmail } from '../auth/accounts.js';
import { hashPassword, newPasswordSchema, verifyPassword } from '../auth/passwords.js';
import { startSession } from '../auth/sign-in.js';
import { tenantSchema, userSchema, viewTenant, viewUser } from '../auth/views.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { claimLicenseKey, claimLicenseKeyForAccount } from './claim.js';
import { normalizeLicenseKey } from './keys.js';

const name = z.string().trim().min(1).max(100);

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
        tags: ['licenses'],
        security: [],
        summary: 'Claim a license key: a LIFETIME entitlement for a new account (or an existing one, with its password), signed in',
        description:
          `Limited to ${config.licenses.claimsPerMinute} requests a minute per IP. With a new email the claim creates the account, its ` +
          'tenant and the LIFETIME entitlement. With the email of an existing account it needs that account\'s password and grants ' +
          'LIFETIME to its tenant (display_name and tenant_name are then ignored); 409 when the tenant already has a lifetime plan. ' +
          'An unknown, used or revoked key, and a wrong password for an existing email, all answer invalid_license_key.',
        body: z.object({
          email: z.email({ error: 'must be an email address' }).max(254),
          password: newPasswordSchema,
          display_name: name,
          tenant_name: name,
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
        new AppError('invalid_license_key', 'This license key cannot be claimed. Check it, or ask whoever sold it to you.');
      // An existing account's email needs that account's password; a wrong one answers exactly like
      // a bad key, so a claim never tells a valid key apart. Either way one Argon2 run is spent.
      const existing = await findUserByEmail(services.db, body.email);
      const result = existing
        ? (await verifyPassword(existing.passwordHash, body.password))
          ? await claimLicenseKeyForAccount(services.db, { key, user: existing, now })
          : ({ ok: false, reason: 'invalid_key' } as const)
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
