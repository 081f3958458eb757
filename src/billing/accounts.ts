import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { AuthContext } from '../auth/sessions.js';
import type { DbOrTx } from '../db/client.js';
import { billingAccounts } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

export type BillingAccount = typeof billingAccounts.$inferSelect;

/** The tenant's Stripe customer and plan state, when it has one. */
export async function findBillingAccount(db: DbOrTx, tenantId: string): Promise<BillingAccount | undefined> {
  const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  return account;
}

/** The Stripe client and settings, or 503 `billing_disabled` when billing is off. */
export function requireBilling(services: Services): { stripe: Stripe; settings: NonNullable<Services['config']['stripe']> } {
  if (!services.stripe || !services.config.stripe) {
    throw new AppError('billing_disabled', 'Billing is not configured on this server; casting works without it.');
  }
  return { stripe: services.stripe, settings: services.config.stripe };
}

/** Turns a Stripe SDK failure into the API's error shape; the details go to the log. */
export function stripeFailure(services: Services, error: unknown, action: string): AppError {
  services.logger.error({ err: error, action }, 'Stripe request failed');
  return new AppError('billing_unavailable', `Stripe could not ${action} right now; try again shortly.`);
}

/**
 * The tenant's Stripe customer, created on first use and remembered in `billing_accounts`. The
 * idempotency key is the tenant, so concurrent first uses get one and the same customer.
 */
export async function ensureCustomer(services: Services, auth: AuthContext): Promise<BillingAccount> {
  const { stripe } = requireBilling(services);
  const [existing] = await services.db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, auth.tenant.id));
  if (existing) return existing;
  let customer: Stripe.Customer;
  try {
    customer = await stripe.customers.create(
      { email: auth.user.email, name: auth.tenant.name, metadata: { tenant_id: auth.tenant.id } },
      { idempotencyKey: `customer-${auth.tenant.id}` },
    );
  } catch (error) {
    throw stripeFailure(services, error, 'create the customer');
  }
  const now = services.clock.now();
  await services.db
    .insert(billingAccounts)
    .values({ tenantId: auth.tenant.id, stripeCustomerId: customer.id, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [account] = await services.db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, auth.tenant.id));
  if (!account) throw new Error('billing account insert returned nothing');
  return account;
}
