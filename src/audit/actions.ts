/**
 * Every action the audit log records, written once: `writeAudit` takes only these, the filters'
 * OpenAPI descriptions list them, and the admin console offers them.
 */
export const AUDIT_ACTIONS = [
  'license_generated',
  'license_claimed',
  'license_revoked',
  'entitlement_created',
  'entitlement_revoked',
  'tenant_status_changed',
  'tenant_suspended',
  'subscription_status_changed',
  'credits_purchased',
  'credits_refunded',
  'credits_dispute_lost',
  'purchase_payment_failed',
  'admin_token_created',
  'admin_token_revoked',
  'cast_logs_purged',
  'cast_results_purged',
  'webhook_logs_purged',
  /** An operator took a public spell out of service; `after` holds the owner, the name and the reason. */
  'spell_unpublished',
  /** An operator put an unpublished spell back. */
  'spell_republished',
  /** The tenant's owner changed its handle; `before` and `after` hold the handles. */
  'handle_changed',
  /** An operator set a creator's share of their spells' prices; `before` and `after` hold `creator_share_percent` (null: the default). */
  'creator_share_changed',
  /** Stripe changed a creator's Connect account (`account.updated`); `before`/`after` hold details_submitted and payouts_enabled. */
  'payout_account_updated',
  /** A payout's Transfer was made; `after` holds the amount, the Connect account and the Transfer. */
  'payout_paid',
  /** Stripe refused a payout's Transfer and the money went back to the creator's balance; `after.failure_message` says why. */
  'payout_failed',
  /** A paid payout's Transfer was reversed (`transfer.reversed`) and the money went back to the creator's balance. */
  'payout_reversed',
  /**
   * Reconciliation found the books disagreeing (system actor `reconcile`): `target` names the
   * journal, account, tenant or payout, `after` the check, expected and found cents and why.
   */
  'ledger_mismatch',
  /** The platform disabled a webhook endpoint that failed for `WEBHOOK_DISABLE_AFTER_MS`; `after` holds the URL and since when. */
  'webhook_endpoint_disabled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** For a filter's description: the actions, as code. */
export const auditActionList = AUDIT_ACTIONS.map((action) => `\`${action}\``).join(', ');
