import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import type { AuthContext } from '../auth/sessions.js';
import { requireBilling } from '../billing/accounts.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { createOnboardingLink, ensurePayoutAccount, findPayoutAccount, nextStepOf } from './accounts.js';

const DAY_MS = 86_400_000;

function requireOwner(auth: AuthContext): void {
  if (auth.user.role !== 'owner') throw new AppError('forbidden', 'Only the account owner can set up payouts.');
}

const accountSchema = z.object({
  stripe_account_id: z.string().describe('The creator’s Stripe Connect Express account (`acct_…`)'),
  details_submitted: z.boolean().describe('The creator finished Stripe’s onboarding form'),
  payouts_enabled: z.boolean().describe('Stripe lets the account receive payouts: the payouts job pays it'),
  updated_at: z.string(),
});

/** `POST /v1/creator/payouts/onboarding` and `GET /v1/creator/payouts/account`: a creator's Stripe Connect account. */
export const payoutAccountRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['creator'];

  app.post(
    '/v1/creator/payouts/onboarding',
    {
      // The link opens the form that says where payouts go: a leaked API key must not reach it.
      config: { auth: 'session' },
      schema: {
        operationId: 'createPayoutOnboarding',
        tags,
        summary: 'Open Stripe Connect onboarding for payouts (creates the Express account on first use)',
        description:
          'Returns a Stripe Account Link, valid for a few minutes and once; it comes back to the web app’s `/creator` page ' +
          '(`?onboarding=done`, or `?onboarding=refresh` when the link expired: ask for a new one). The account owner only, ' +
          'with a signed-in session (an API key gets 403: the form it opens decides where payouts go). ' +
          '`503 billing_disabled` when the server has no Stripe keys.',
        response: {
          200: z.object({ url: z.url(), expires_at: z.string().describe('When the link stops working (ISO 8601)') }),
          ...errorResponses(401, 403, 429, 502, 503),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      requireOwner(auth);
      requireBilling(services);
      const account = await ensurePayoutAccount(services, auth);
      const link = await createOnboardingLink(services, account);
      return { url: link.url, expires_at: link.expiresAt.toISOString() };
    },
  );

  app.get(
    '/v1/creator/payouts/account',
    {
      schema: {
        operationId: 'getPayoutAccount',
        tags,
        summary: 'The creator’s payout account, what to do next, and the payout rules',
        response: {
          200: z.object({
            enabled: z.boolean().describe('Billing is on: payouts are made (with billing off, earnings are book entries, never paid out)'),
            account: accountSchema.nullable(),
            next_step: z
              .enum(['onboard', 'finish_onboarding', 'none'])
              .describe('`onboard`: no account yet; `finish_onboarding`: Stripe needs more before it pays the account; `none`: payouts are on'),
            minimum_cents: z.number().int().describe('A payable balance below this waits for the next run (`PAYOUT_MINIMUM_CENTS`)'),
            hold_days: z.number().describe('Days an earning is held before it is payable (`PAYOUT_HOLD_DAYS`)'),
            currency: z.string(),
          }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const account = await findPayoutAccount(services.db, auth.tenant.id);
      const { money } = services.config;
      return {
        enabled: services.config.stripe !== undefined,
        account: account
          ? {
              stripe_account_id: account.stripeAccountId,
              details_submitted: account.detailsSubmitted,
              payouts_enabled: account.payoutsEnabled,
              updated_at: account.updatedAt.toISOString(),
            }
          : null,
        next_step: nextStepOf(account),
        minimum_cents: money.payoutMinimumCents,
        hold_days: money.payoutHoldMs / DAY_MS,
        currency: money.currency,
      };
    },
  );
};
