import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashPassword, newPasswordSchema } from '../auth/passwords.js';
import { startSession } from '../auth/sign-in.js';
import { tenantSchema, userSchema, viewTenant, viewUser } from '../auth/views.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { claimLicenseKey } from './claim.js';
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
        summary: 'Claim a license key: creates the account, its tenant and a LIFETIME entitlement, and signs in',
        description: `Limited to ${config.licenses.claimsPerMinute} requests a minute per IP. An unknown, used or revoked key all answer invalid_license_key.`,
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
      const result = await claimLicenseKey(services.db, {
        key: normalizeLicenseKey(body.license_key, config.licenses.keyPrefix),
        email: body.email,
        passwordHash: await hashPassword(body.password),
        displayName: body.display_name,
        tenantName: body.tenant_name,
        now: services.clock.now(),
      });
      if (!result.ok && result.reason === 'invalid_key') {
        throw new AppError('invalid_license_key', 'This license key cannot be claimed. Check it, or ask whoever sold it to you.');
      }
      if (!result.ok) {
        throw new AppError('conflict', 'An account with this email already exists; the license key was not used.', { field: 'email' });
      }
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
