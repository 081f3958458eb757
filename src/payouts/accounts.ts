import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { AuthContext } from '../auth/sessions.js';
import { requireBilling, stripeFailure } from '../billing/accounts.js';
import type { DbOrTx } from '../db/client.js';
import { creatorPayoutAccounts } from '../db/schema.js';
import type { Services } from '../services.js';

/**
 * A creator's Stripe Connect Express account: made once per tenant on the first onboarding, then
 * kept up to date by `account.updated` events (the only source of `payouts_enabled`).
 */
export type PayoutAccount = typeof creatorPayoutAccounts.$inferSelect;

/** What a creator does next to get paid. */
export type NextStep = 'onboard' | 'finish_onboarding' | 'none';

export async function findPayoutAccount(db: DbOrTx, tenantId: string): Promise<PayoutAccount | undefined> {
  const [account] = await db.select().from(creatorPayoutAccounts).where(eq(creatorPayoutAccounts.tenantId, tenantId));
  return account;
}

/** No account yet → onboard; Stripe does not (yet) let it receive payouts → finish onboarding; else nothing. */
export function nextStepOf(account: PayoutAccount | undefined): NextStep {
  if (!account) return 'onboard';
  return account.detailsSubmitted && account.payoutsEnabled ? 'none' : 'finish_onboarding';
}

/**
 * The tenant's Express account, created at Stripe on first use. The idempotency key is the tenant,
 * so two first clicks at once make one account; the row's primary key keeps one per tenant.
 */
export async function ensurePayoutAccount(services: Services, auth: AuthContext): Promise<PayoutAccount> {
  const existing = await findPayoutAccount(services.db, auth.tenant.id);
  if (existing) return existing;
  const { stripe } = requireBilling(services);
  let account: Stripe.Account;
  try {
    account = await stripe.accounts.create(
      { type: 'express', email: auth.user.email, metadata: { tenant_id: auth.tenant.id }, capabilities: { transfers: { requested: true } } },
      { idempotencyKey: `connect-account-${auth.tenant.id}` },
    );
  } catch (error) {
    throw stripeFailure(services, error, 'create the payout account');
  }
  const now = services.clock.now();
  await services.db
    .insert(creatorPayoutAccounts)
    .values({
      tenantId: auth.tenant.id,
      stripeAccountId: account.id,
      payoutsEnabled: account.payouts_enabled,
      detailsSubmitted: account.details_submitted,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const stored = await findPayoutAccount(services.db, auth.tenant.id);
  if (!stored) throw new Error('payout account insert returned nothing');
  return stored;
}

/** An Account Link into Stripe's onboarding, coming back to the web app's creator page. */
export async function createOnboardingLink(services: Services, account: PayoutAccount): Promise<{ url: string; expiresAt: Date }> {
  const { stripe } = requireBilling(services);
  const creatorPage = `${services.config.publicUrl.replace(/\/$/, '')}/creator`;
  try {
    const link = await stripe.accountLinks.create({
      account: account.stripeAccountId,
      type: 'account_onboarding',
      return_url: `${creatorPage}?onboarding=done`,
      // Stripe sends the creator here when the link expired or was used: the page asks for a new one.
      refresh_url: `${creatorPage}?onboarding=refresh`,
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  } catch (error) {
    throw stripeFailure(services, error, 'open the payout onboarding');
  }
}

/**
 * Applies an `account.updated` to the account it is about, unless a newer event already did
 * (`event_at`): Stripe does not deliver in order. False when the account is not one of ours or
 * the event is stale. A known tenant's account is found by the Stripe id; one created at Stripe
 * but never stored (the insert lost) is adopted by its `tenant_id` metadata.
 */
export async function applyAccountUpdate(tx: DbOrTx, account: Stripe.Account, eventAt: Date, now: Date): Promise<{ applied: boolean; before?: PayoutAccount; after?: PayoutAccount }> {
  const [before] = await tx.select().from(creatorPayoutAccounts).where(eq(creatorPayoutAccounts.stripeAccountId, account.id)).for('update');
  const tenantId = before?.tenantId ?? account.metadata?.tenant_id;
  if (!tenantId || !/^[0-9a-f-]{36}$/i.test(tenantId)) return { applied: false };
  const values = { payoutsEnabled: account.payouts_enabled === true, detailsSubmitted: account.details_submitted === true, eventAt, updatedAt: now };
  const [after] = await tx
    .insert(creatorPayoutAccounts)
    .values({ tenantId, stripeAccountId: account.id, ...values, createdAt: now })
    .onConflictDoUpdate({
      target: creatorPayoutAccounts.tenantId,
      set: values,
      setWhere: sql`${creatorPayoutAccounts.stripeAccountId} = ${account.id} and (${creatorPayoutAccounts.eventAt} is null or ${creatorPayoutAccounts.eventAt} <= ${eventAt.toISOString()})`,
    })
    .returning();
  return after ? { applied: true, ...(before && { before }), after } : { applied: false };
}
