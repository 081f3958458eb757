/** Shapes of the consumer API's answers (see GET /openapi.json). */
export type Plan = 'FREE' | 'PRO' | 'LIFETIME';
export type TenantStatus = 'active' | 'grace' | 'suspended';

export interface User {
  id: string;
  email: string;
  display_name: string | null;
  role: 'owner' | 'member';
  tenant_id: string;
}

export interface Tenant {
  id: string;
  name: string;
  status: TenantStatus;
  grace_until: string | null;
}

export interface Me {
  user: User;
  tenant: Tenant;
  role: 'owner' | 'member';
  plan: Plan;
  status: TenantStatus;
  grace_until: string | null;
}

export interface ApiKey {
  prefix: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface Spell {
  name: string;
  description: string;
  visibility: 'public' | 'private';
  price_cents: number | null;
  function_name: string;
  timeout_ms: number | null;
  input_schema: unknown;
  owned: boolean;
  latest_version: number | null;
  created_at: string;
  updated_at: string;
}

export interface SpellVersion {
  version: number;
  sha256: string;
  exports: string[];
  created_at: string;
}

export interface SpellStats {
  casts: number;
  succeeded: number;
  failed: number;
  earnings_cents: number;
  last_cast_at: string | null;
}

export interface CastResult {
  cast_id: string;
  output: unknown;
  duration_ms: number;
  cost_cents: number;
}

export interface Cast {
  id: string;
  spell: string;
  version: number;
  status: 'running' | 'succeeded' | 'failed';
  error_code: string | null;
  duration_ms: number | null;
  cost_cents: number | null;
  created_at: string;
}

export type Period = 'daily' | 'monthly';

export interface Budget {
  period: Period;
  soft_limit_cents: number;
  hard_limit_cents: number;
  time_zone: string;
  updated_at: string;
}

export interface Usage {
  period: Period;
  time_zone: string;
  period_start: string;
  period_end: string;
  used_cents: number;
  reserved_cents: number;
  casts: number;
  soft_limit_cents: number | null;
  hard_limit_cents: number | null;
  soft_limit_exceeded: boolean;
}

/** The period's spending in hourly (daily budget) or daily (monthly) buckets, all the tenant's casts. */
export interface UsageSeries {
  period: Period;
  period_start: string;
  period_end: string;
  bucket: 'hour' | 'day';
  points: { start: string; last_cast_at: string; cents: number; casts: number }[];
}

export interface BillingOverview {
  enabled: boolean;
  plan: Plan;
  tenant_status: TenantStatus;
  grace_until: string | null;
  subscription_status: string;
  current_period_end: string | null;
  credits_cents: number;
  plan_price_id: string | null;
  credit_packs: { price_id: string; credits_cents: number }[];
}

export interface Purchase {
  id: string;
  mode: 'payment' | 'subscription';
  price_id: string | null;
  amount_cents: number | null;
  currency: string | null;
  credits_cents: number;
  checkout_session_id: string;
  created_at: string;
}

export interface Subscription {
  id: string;
  status: string;
  price_id: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  updated_at: string;
}
