/**
 * The closed set of error codes the API answers with, and the HTTP status of each. Clients
 * branch on `error`; the message is for people.
 */
export const errorStatus = {
  /** The request carries no valid credentials (or the wrong kind for this route). */
  unauthorized: 401,
  /** The caller is known but may not do this. */
  forbidden: 403,
  /** A cookie-authenticated write arrived without a valid `x-csrf-token` header. */
  csrf_invalid: 403,
  /** The tenant is suspended; casting and paid features are refused. */
  account_suspended: 403,
  /** The route or the resource does not exist, or belongs to someone else. */
  not_found: 404,
  /**
   * The request body, query or path does not match the endpoint's schema or carries a NUL character
   * (which PostgreSQL cannot store), or the request is not HTTP at all.
   */
  /**
   * The request is not valid. A refused upload (the module cannot be a spell; nothing was stored)
   * says why in `check` (src/spells/module-checks.ts): `format` (empty or not valid Wasm), a
   * structural limit (`functions`, `function_size`, `nesting`, `table_size`, `memory`,
   * `compile_time`, `compiler`, also named in `limit` as before), `imports` (it imports what the
   * platform does not provide; `imports` lists each with its `reason`), `no_memory` (it defines no
   * memory of its own) or `exports` (the spell's function is not among its exported functions,
   * which `exports` lists).
   */
  validation_failed: 400,
  /** A cast's input does not match the spell's input schema. */
  invalid_input: 400,
  /** The OAuth `state` or code could not be verified. */
  invalid_oauth_state: 400,
  /** A webhook signature is missing, malformed, wrong or stale. */
  invalid_signature: 400,
  /** The license key is unknown, already used or revoked (deliberately one answer for all three). */
  invalid_license_key: 400,
  /** The thing being created already exists (an email, a spell name), or the change conflicts with its state. */
  conflict: 409,
  /** The async cast is no longer queued (already running or finished), so it cannot be canceled. */
  cast_not_cancelable: 409,
  /** An async cast asked for a `webhook_url` before the tenant's owner made its signing secret (`POST /v1/tenant/webhook-secret`). */
  webhook_secret_required: 409,
  /** A request with this `Idempotency-Key` is still running; retry once it has answered. */
  idempotency_in_flight: 409,
  /** This `Idempotency-Key` was used within 24 hours for a different request (method, path or body). */
  idempotency_mismatch: 422,
  /** The request body is larger than this endpoint accepts. */
  payload_too_large: 413,
  /** The request body's content type is not one this endpoint accepts. */
  unsupported_media_type: 415,
  /** The request's headers (cookies, tokens, …) are larger than the server accepts; the connection is closed. */
  headers_too_large: 431,
  /** The request did not arrive in full within the server's time limit; the connection is closed. */
  request_timeout: 408,
  /** Too many requests in the current window; see `Retry-After`. */
  rate_limited: 429,
  /** The cast would take the period's usage past the hard budget. */
  budget_exceeded: 402,
  /** A paid cast by a tenant without a plan, whose prepaid credit does not cover the price. */
  insufficient_credits: 402,
  /** The spell's price is above the cast's `max_price_cents`; nothing ran or was charged. */
  price_above_max: 402,
  /** Billing is not configured on this server (no Stripe keys). */
  billing_disabled: 503,
  /** Stripe refused or could not be reached for a billing request. */
  billing_unavailable: 502,
  /**
   * The spell was deleted by its owner (casts pinned to one of its versions ran for the retirement
   * window, `SPELL_RETIREMENT_DAYS`, which `pinned_until` ends) or unpublished by the platform.
   * `retired_at` says when. Its name is never given to another spell.
   */
  spell_retired: 410,
  /** The spell ran past its wall-clock limit and was stopped. */
  spell_timeout: 422,
  /**
   * The spell tried to grow its memory past the cap, asked the host to hold more buffers or vars
   * than a cast may, or its worker passed the watchdog's memory bound.
   */
  spell_memory_exceeded: 422,
  /** The spell's output is larger than the cap. */
  spell_output_too_large: 422,
  /** The spell trapped (unreachable, stack overflow, out-of-bounds access, …). */
  spell_trapped: 422,
  /** The spell returned an error of its own, or exited (WASI `proc_exit`) with a code other than 0. */
  spell_failed: 422,
  /**
   * The spell called something spells may not use (HTTP, a host function): the cast ends there,
   * is not charged, and the message names the capability.
   */
  spell_capability_denied: 422,
  /**
   * No spell worker for this cast; see `Retry-After`. 503 when the whole pool is saturated (every
   * worker busy and the queue full); 429 when the caller's tenant is over its share of the pool
   * while other tenants still cast (see `alternativeStatus`).
   */
  runtime_busy: 503,
  /** A sign-in method that is not configured on this server (e.g. GitHub OAuth). */
  not_configured: 501,
  /**
   * A dependency is not usable; `reason` says which: `database` (the connection to PostgreSQL was
   * lost or refused; retry, the next requests reconnect) or `disk_full` (the disk under the
   * embedded database is full; writes fail until an operator frees space).
   */
  service_unavailable: 503,
  /** Anything unexpected; details are logged, never returned. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * The `check` a refused upload's `validation_failed` names (src/spells/module-checks.ts): `format`, a
 * structural limit, `compiler` (the compile worker failed on it), `imports`, `no_memory`, `exports`.
 */
export const MODULE_CHECKS = [
  'format',
  'functions',
  'function_size',
  'nesting',
  'table_size',
  'memory',
  'compile_time',
  'compiler',
  'imports',
  'no_memory',
  'exports',
] as const;

/** The `reason` a `service_unavailable` answer names: the lost database, or the embedded database's full disk. */
export const UNAVAILABLE_REASONS = ['database', 'disk_full'] as const;

/**
 * The second status of the few codes whose status depends on the cause, chosen by the thrower
 * with `{ alternativeStatus: true }`. Only `runtime_busy`: 429 for a tenant over its share.
 */
export const alternativeStatus: Partial<Record<ErrorCode, number>> = { runtime_busy: 429 };

/** The one error type routes throw to end a request; the error handler renders it. */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { alternativeStatus?: boolean } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = (options.alternativeStatus ? alternativeStatus[code] : undefined) ?? errorStatus[code];
  }
}

/** The body every error response has. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  [detail: string]: unknown;
}
