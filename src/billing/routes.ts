import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import type { AuthContext } from '../auth/sessions.js';
import { viewTenant } from '../auth/views.js';
import { PLAN_CODES, PURCHASE_PAYMENT_STATUSES, TENANT_STATUSES } from '../db/values.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { ensureCustomer, findBillingAccount, requireBilling, stripeFailure } from './accounts.js';
import { creditBalance } from '../ledger/credit.js';
import { listPurchases, listSubscriptions } from './history.js';
import { activePlan } from '../tenants/entitlements.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function requireOwner(auth: AuthContext): void {
  if (auth.user.role !== 'owner') throw new AppError('forbidden', 'Only the account owner can manage billing.');
}

const purchaseSchema = z.object({
  id: z.uuid(),
  mode: z.enum(['payment', 'subscription']),
  price_id: z.string().nullable(),
  amount_cents: z.number().int().nullable(),
  currency: z.string().nullable(),
  credits_cents: z.number().int(),
  payment_status: z
    .enum(PURCHASE_PAYMENT_STATUSES)
    .describe('`paid` or `no_payment_required` once settled; `unpaid` while a delayed payment is pending (its credit is granted when it is paid); `failed` if it never was.'),
  credits_reversed_cents: z.number().int().describe('Credit taken back by refunds and lost disputes.'),
  /** The Checkout Session it came from: the page Checkout returns to waits for it. */
  checkout_session_id: z.string(),
  created_at: z.string(),
});

const subscriptionSchema = z.object({
  id: z.string().describe('Stripe subscription id'),
  status: z.string(),
  price_id: z.string().nullable(),
  current_period_end: z.string().nullable(),
  cancel_at_period_end: z.boolean(),
  updated_at: z.string(),
});

export const billingRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['billing'];

  app.get(
    '/v1/billing',
    {
      schema: {
        operationId: 'getBilling',
        tags,
        summary: 'The tenant’s plan, subscription status, credit balance and what can be bought',
        response: {
          200: z.object({
            enabled: z.boolean(),
            plan: z.enum(PLAN_CODES),
            tenant_status: z.enum(TENANT_STATUSES),
            grace_until: z.string().nullable(),
            subscription_status: z.string(),
            current_period_end: z.string().nullable(),
            credits_cents: z.number().int(),
            plan_price_id: z.string().nullable(),
            credit_packs: z.array(z.object({ price_id: z.string(), credits_cents: z.number().int() })),
          }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const account = await findBillingAccount(services.db, auth.tenant.id);
      const settings = services.config.stripe;
      return {
        enabled: settings !== undefined,
        plan: await activePlan(services.db, auth.tenant.id, services.clock.now()),
        tenant_status: auth.tenant.status,
        grace_until: viewTenant(auth.tenant).grace_until,
        subscription_status: account?.status ?? 'none',
        current_period_end: iso(account?.currentPeriodEnd ?? null),
        credits_cents: await creditBalance(services.db, auth.tenant.id),
        plan_price_id: settings?.planPriceId ?? null,
        credit_packs: (settings?.creditPacks ?? []).map((pack) => ({ price_id: pack.priceId, credits_cents: pack.creditsCents })),
      };
    },
  );

  app.post(
    '/v1/billing/checkout',
    {
      schema: {
        operationId: 'createCheckout',
        tags,
        summary: 'Start a Stripe Checkout: the plan (subscription) or a credit pack (payment)',
        body: z.object({
          mode: z.enum(['subscription', 'payment']),
          price_id: z.string().optional().describe('payment mode: which credit pack (default: the first configured)'),
        }),
        response: { 200: z.object({ url: z.url(), id: z.string() }), ...errorResponses(400, 401, 403, 429, 502, 503) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      requireOwner(auth);
      const { stripe, settings } = requireBilling(services);
      const { mode } = request.body;
      let priceId: string;
      let creditsCents = 0;
      if (mode === 'subscription') {
        if (!settings.planPriceId) throw new AppError('billing_disabled', 'No plan is configured (STRIPE_PRICE_ID).');
        priceId = settings.planPriceId;
      } else {
        const pack = request.body.price_id
          ? settings.creditPacks.find((candidate) => candidate.priceId === request.body.price_id)
          : settings.creditPacks[0];
        if (!pack) {
          throw new AppError('validation_failed', 'Unknown credit pack.', {
            issues: [{ in: 'body', path: '/price_id', message: `must be one of: ${settings.creditPacks.map((p) => p.priceId).join(', ') || '(none configured)'}` }],
          });
        }
        priceId = pack.priceId;
        creditsCents = pack.creditsCents;
      }
      const account = await ensureCustomer(services, auth);
      const metadata = { tenant_id: auth.tenant.id, price_id: priceId, credits_cents: String(creditsCents) };
      const base = services.config.publicUrl.replace(/\/$/, '');
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode,
            customer: account.stripeCustomerId,
            line_items: [{ price: priceId, quantity: 1 }],
            client_reference_id: auth.tenant.id,
            metadata,
            ...(mode === 'subscription' && { subscription_data: { metadata: { tenant_id: auth.tenant.id } } }),
            success_url: `${base}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
            cancel_url: `${base}/billing?checkout=cancelled`,
          },
          { idempotencyKey: `checkout-${randomUUID()}` },
        );
        if (!session.url) throw new Error('Checkout session has no URL');
        return { url: session.url, id: session.id };
      } catch (error) {
        throw stripeFailure(services, error, 'start the checkout');
      }
    },
  );

  app.post(
    '/v1/billing/portal',
    {
      schema: {
        operationId: 'createPortalSession',
        tags,
        summary: 'Open the Stripe Customer Portal (invoices, payment method, cancel)',
        response: { 200: z.object({ url: z.url() }), ...errorResponses(401, 403, 429, 502, 503) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      requireOwner(auth);
      const { stripe } = requireBilling(services);
      const account = await ensureCustomer(services, auth);
      try {
        const portal = await stripe.billingPortal.sessions.create(
          { customer: account.stripeCustomerId, return_url: `${services.config.publicUrl.replace(/\/$/, '')}/billing` },
          { idempotencyKey: `portal-${randomUUID()}` },
        );
        return { url: portal.url };
      } catch (error) {
        throw stripeFailure(services, error, 'open the customer portal');
      }
    },
  );

  app.get(
    '/v1/billing/purchases',
    {
      schema: {
        operationId: 'listPurchases',
        tags,
        summary: 'Completed Checkout payments of the caller’s tenant, newest first',
        response: { 200: z.object({ purchases: z.array(purchaseSchema) }), ...errorResponses(401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const rows = await listPurchases(services.db, auth.tenant.id);
      return {
        purchases: rows.map((row) => ({
          id: row.id,
          mode: row.mode,
          price_id: row.priceId,
          amount_cents: row.amountCents,
          currency: row.currency,
          credits_cents: row.creditsCents,
          payment_status: row.paymentStatus,
          credits_reversed_cents: row.creditsReversedCents,
          checkout_session_id: row.stripeCheckoutSessionId,
          created_at: row.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/v1/billing/subscriptions',
    {
      schema: {
        operationId: 'listSubscriptions',
        tags,
        summary: 'Subscriptions of the caller’s tenant, as Stripe last described them',
        response: { 200: z.object({ subscriptions: z.array(subscriptionSchema) }), ...errorResponses(401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const rows = await listSubscriptions(services.db, auth.tenant.id);
      return {
        subscriptions: rows.map((row) => ({
          id: row.stripeSubscriptionId,
          status: row.status,
          price_id: row.priceId,
          current_period_end: iso(row.currentPeriodEnd),
          cancel_at_period_end: row.cancelAtPeriodEnd === 1,
          updated_at: row.updatedAt.toISOString(),
        })),
      };
    },
  );
};
