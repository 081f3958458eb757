/**
 * Fixed lists of values, each written once: the schema's columns and checks, the API's zod
 * schemas and the types all derive from these arrays.
 */

/** `active → grace` on a failed payment, `grace → suspended` when grace runs out, back by payment or operator. */
export const TENANT_STATUSES = ['active', 'grace', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** A budget resets at local midnight (`daily`) or on the first of the month (`monthly`). */
export const BUDGET_PERIODS = ['daily', 'monthly'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** Plans a tenant can hold; `FREE` is implied by having no other. */
export const PLAN_CODES = ['FREE', 'PRO', 'LIFETIME'] as const;
export type PlanCode = (typeof PLAN_CODES)[number];

/** Plans an entitlement row grants (`FREE` is never stored). */
export const GRANTED_PLAN_CODES = ['PRO', 'LIFETIME'] as const;

/** Where an entitlement came from: a Stripe subscription, a license key, or an operator. */
export const ENTITLEMENT_SOURCES = ['stripe', 'license', 'manual'] as const;
export type EntitlementSource = (typeof ENTITLEMENT_SOURCES)[number];

/** Where a purchase's payment stands: credit is granted only once `paid` (or `no_payment_required`). */
export const PURCHASE_PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required', 'failed'] as const;
export type PurchasePaymentStatus = (typeof PURCHASE_PAYMENT_STATUSES)[number];
