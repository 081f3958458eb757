/**
 * Generated from /openapi.json by `npm run api:types`; do not edit by hand.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 503 when the database is down or its disk is full; a Redis outage is only degraded */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (send Authorization: Bearer <METRICS_TOKEN> when the server sets one) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (a user and its tenant) and sign in
         * @description The answer carries the new tenant, with the `handle` its spells are published under (derived from the display name or the email; change it with `PATCH /v1/tenant`).
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password; returns a new session token
         * @description Counted per client IP whatever credentials are sent. After LOGIN_FAILURES_PER_ACCOUNT_IP failures from one IP against an account (or LOGIN_FAILURES_PER_ACCOUNT from all IPs, for IPs that have failed against it) that IP gets 429 rate_limited with Retry-After until LOGIN_LOCKOUT_SECONDS after the first failure.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/csrf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CSRF token for cookie-authenticated writes (send it as x-csrf-token) */
        get: operations["getCsrfToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start GitHub sign-in (redirects to GitHub) */
        get: operations["startGithubSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GitHub OAuth callback: checks state, signs in, redirects to the web app (or JSON with Accept: application/json) */
        get: operations["finishGithubSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/github/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GitHub OAuth callback: checks state, signs in, redirects to the web app (or JSON with Accept: application/json)
         * @description The same as `/auth/callback`.
         */
        get: operations["finishGithubSignInAlias"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: user, tenant, role, plan and tenant status */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s tenant, and whether its handle can still change */
        get: operations["getTenantAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the tenant’s handle (the owner part of `handle/spell`)
         * @description The account owner only, with a signed-in session (an API key gets 403). A handle is 1–39 lower-case letters, digits or inner dashes (the input is lower-cased) and not a reserved word (`400 validation_failed`). `409 conflict` when another tenant holds or ever held it, or when the handle is locked: once any of the tenant’s spells has been public, casters address it as `handle/spell` and the handle no longer changes. The old handle stays the tenant’s for ever: nobody else gets it, and the tenant may change back to it. A tenant holds at most 5 handles over its life (`409 conflict` for a sixth; changing back to a held one always works). Writes `handle_changed` to the audit log.
         */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant’s own audit trail, newest first (the account owner only)
         * @description Every audited change to the tenant: licenses, entitlements, status, `handle_changed`, and an operator’s `spell_unpublished` / `spell_republished` of its spells (with the reason). Filter by `action`.
         */
        get: operations["listTenantAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's API keys (never the secret) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key; the full key is returned this once
         * @description Needs a signed-in session: an API key gets 403, so revoking a leaked key ends its access.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{prefix}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key; it stops working at once
         * @description Needs a signed-in session (an API key gets 403).
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/spells": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The catalog: public spells and your own, searched and filtered
         * @description `q` finds spells whose name, owner handle, description or tags contain every word of it; `owner` and `tag` filter exactly. Deleted spells and spells the platform unpublished are not listed (your own unpublished ones are, with `unpublished` set). `sort`: `name` (then owner), `popular` (most casts first) or `new`.
         */
        get: operations["listSpells"];
        put?: never;
        /**
         * Create a spell, with its first version in the same request
         * @description JSON creates a spell without a version (upload one with POST /v1/spells/{name}/versions). A multipart form creates it with its first version: the JSON in field `spell`, the .wasm in file field `module`. The module is checked first (as an upload is) and the spell and its version are stored together: a refused module (`400 validation_failed`, with `check` naming why) or a taken name (409) leaves nothing behind.
         */
        post: operations["createSpell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/spells/{owner}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Any spell you may see, by owner/name: its README, versions and casts
         * @description Another tenant’s private spell answers 404, exactly as a missing one. A public spell its owner deleted, or the platform unpublished, answers `410 spell_retired`; your own answer 200 with `deleted_at` or `unpublished`.
         */
        get: operations["getSpellByOwner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/spells/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your own spells (a bare name is always yours), with its README and versions
         * @description Your deleted spells too, with `deleted_at` and `pinned_until`. Another tenant’s spell is `GET /v1/spells/{owner}/{name}`.
         */
        get: operations["getSpell"];
        put?: never;
        post?: never;
        /**
         * Delete your spell: out of the catalog at once, its name never reused
         * @description Past casts stay in the history. Casts pinned to one of its versions (`owner/name@N`) keep working for `SPELL_RETIREMENT_DAYS` (default 30), then answer `410 spell_retired`; unpinned casts answer 410 at once. That window is for a spell deleted while public: other tenants never see a private one, pinned or not. Neither the name nor its version numbers are given to another spell, yours or anyone’s.
         */
        delete: operations["deleteSpell"];
        options?: never;
        head?: never;
        /**
         * Change price, description, visibility, function, timeout, input schema, tags or README of your spell
         * @description A spell the platform unpublished cannot be made public again by its owner (`403`); a deleted one cannot change (`410`). `visibility: private` hides the spell from every other tenant at once, casts pinned to a version (`owner/name@N`) included (they answer 404, as for a missing spell), and a private spell deleted later gets no retirement window. To retire a public spell gently, delete it while public: pinned casts then run for `SPELL_RETIREMENT_DAYS`.
         */
        patch: operations["updateSpell"];
        trace?: never;
    };
    "/v1/spells/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a new version (raw application/wasm body, or multipart field "module")
         * @description The module is checked in a compile worker before anything is stored: valid Wasm within the structural limits (functions, function body size, block nesting, table size, initial memory, compile time), importing only what the platform provides (Extism’s kernel `extism:host/env`, WASI preview 1 `wasi_snapshot_preview1`), defining its own memory, and exporting the spell’s function (or `function_name`, which the spell then switches to). A refusal is 400 validation_failed: the reason in `message`, the check in `check` (`format`, a limit’s name, `imports` with each refused import in `imports`, `no_memory`, `exports` with the exported functions in `exports`). A deleted spell takes no new version: `410 spell_retired`.
         */
        post: operations["uploadSpellVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/spells/{name}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Casts of your own spell (a bare name) by everyone, and what it earned you */
        get: operations["getSpellStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/creator/earnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your earnings as a creator: totals, balances, per spell and per day
         * @description Read from each paid cast’s split and your ledger balances: your share of what others paid for casts of your spells, net of refunds and lost disputes. Your own casts earn nothing. `by_day` covers `from`–`to` (UTC days, default the last 30, at most 366).
         */
        get: operations["getCreatorEarnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/creator/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your payouts, newest first (pass next_cursor as cursor for the next page) */
        get: operations["listCreatorPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/creator/statements/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your statement for a month (UTC), as CSV
         * @description A header row (`line`, `date`, `spell`, `casts`, `gross_cents`, `share_percent`, `earned_cents`, `refunded_cents`, `net_cents`, `payout_id`, `payout_status`, `payout_cents`, `currency`), then one `earning` line per day, spell and share (casts of your spells by others settled that day: gross price, your share, what it earned, what refunds and lost disputes took back since, net), one `payout` line per payout made that month, and a `total` line (its `payout_cents`: the payouts Stripe paid). Amounts are whole cents.
         */
        get: operations["getCreatorStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's budget (null when none is set) */
        get: operations["getBudget"];
        /** Change some fields of the budget */
        put: operations["updateBudget"];
        /** Create or replace the budget */
        post: operations["setBudget"];
        /** Remove the budget (casting is no longer limited) */
        delete: operations["deleteBudget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/budgets/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Spending in the current period: used, reserved, limits, period bounds and casts */
        get: operations["getBudgetUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/budgets/usage/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current period's spending over time, all the tenant's casts, in hourly (daily budget) or daily (monthly) buckets */
        get: operations["getBudgetUsageSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cast a spell: owner/name or owner/name@version (a bare name is your own), with any JSON input
         * @description Casts run in a shared worker pool, served round-robin across tenants. `429 runtime_busy` (with `Retry-After`): your account already has its share of casts running and waiting; others still cast. `503 runtime_busy` (with `Retry-After`): the whole pool is saturated. A cast refused either way costs nothing. The answer carries what the spell wrote (Extism `log_*`, WASI stdout and stderr) as `logs`, capped per cast, on success and on a `422` failure of a cast that ran; `GET /v1/casts/{id}` shows the same lines until they expire, with the cast’s input and output (each up to `CAST_RESULT_MAX_BYTES`) and a failure’s message, kept for `CAST_OUTPUT_RETENTION_DAYS`. A cast the pool ended (time limit, a crashed worker) has no logs.
         */
        post: operations["castSpell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/casts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your casts, newest first (pass next_cursor as cursor for the next page) */
        get: operations["listCasts"];
        put?: never;
        /**
         * Queue a cast to run in the background (same body as /v1/cast, plus webhook_url and timeout_ms)
         * @description Runs every check of `POST /v1/cast` in the same order (account status, spell, input schema, `max_price_cents`, hard budget, prepaid credit, rate limit) and takes the same budget hold and credit charge now, then answers `202` with the queued cast. Poll `GET /v1/casts/{id}` (the `Location` header): `queued → running → succeeded | failed | canceled`, with its output and logs once done, kept for `CAST_OUTPUT_RETENTION_DAYS`. Queued casts are served round-robin across accounts. A cast still queued after `CAST_QUEUE_TTL_MS` fails as `expired`, and one whose worker died fails as `interrupted`; neither costs anything. `POST /v1/casts/{id}/cancel` withdraws a cast still queued, at no cost.
         */
        post: operations["queueCast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/casts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your casts in full: its input, output, error message and what the spell wrote (its logs)
         * @description Shows a cast to the user who cast it, and to no one else: another user of the same account, or another account, gets `404`. Its input and output are kept as JSON text for `CAST_OUTPUT_RETENTION_DAYS` (7 by default, `result_expires_at`), each side only up to `CAST_RESULT_MAX_BYTES` (64 KiB by default): a larger side is `null` with its size in `input_bytes`/`output_bytes`, and `input_kept`/`output_kept` say which is which. A failed cast keeps the message its `422` gave (`error_message`) for as long. The lines its spell wrote through Extism `log_*` and WASI stdout/stderr are capped per cast and kept for `SPELL_LOG_RETENTION_DAYS`. Deliveries of its own event to its `webhook_url` are in `webhook_deliveries`, each with its attempts. A spell’s owner sees the detail of their own casts (test casts) only: another tenant’s cast of their spell is `404` to them.
         */
        get: operations["getCast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/casts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued async cast: its budget hold and credit charge are given back, and it costs nothing
         * @description Only a cast still `queued` can be canceled: once a worker took it (`running`) or it finished, the answer is `409 cast_not_cancelable`.
         */
        post: operations["cancelCast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s plan, subscription status, credit balance and what can be bought */
        get: operations["getBilling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a Stripe Checkout: the plan (subscription) or a credit pack (payment) */
        post: operations["createCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the Stripe Customer Portal (invoices, payment method, cancel) */
        post: operations["createPortalSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Completed Checkout payments of the caller’s tenant, newest first */
        get: operations["listPurchases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscriptions of the caller’s tenant, as Stripe last described them */
        get: operations["listSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe webhook endpoint (signature verified; no other auth)
         * @description The raw event as Stripe sends it, verified against `Stripe-Signature`. `400 invalid_signature` changes nothing; `503 billing_disabled` when the server has no Stripe keys; a 5xx while processing rolls the event back for Stripe to retry.
         */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/creator/payouts/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open Stripe Connect onboarding for payouts (creates the Express account on first use)
         * @description Returns a Stripe Account Link, valid for a few minutes and once; it comes back to the web app’s `/creator` page (`?onboarding=done`, or `?onboarding=refresh` when the link expired: ask for a new one). The account owner only, with a signed-in session (an API key gets 403: the form it opens decides where payouts go). `503 billing_disabled` when the server has no Stripe keys.
         */
        post: operations["createPayoutOnboarding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/creator/payouts/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The creator’s payout account, what to do next, and the payout rules */
        get: operations["getPayoutAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe Connect webhook endpoint (signature verified with its own secret; no other auth)
         * @description Handles `account.updated` (whether a creator’s account can be paid) and `transfer.reversed` (a payout’s money comes back). `400 invalid_signature` changes nothing; `404 not_found` when `STRIPE_CONNECT_WEBHOOK_SECRET` is unset; `503 billing_disabled` when the server has no Stripe keys; a 5xx while processing rolls the event back for Stripe to retry.
         */
        post: operations["receiveStripeConnectWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/license/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a license key: a LIFETIME entitlement for a new account (or an existing one, with its password), signed in
         * @description Limited to 5 requests a minute per IP. With a new email the claim creates the account, its tenant and the LIFETIME entitlement. With the email of an existing account it needs that account's password and grants LIFETIME to its tenant (display_name and tenant_name are then ignored); 409 when the tenant already has a lifetime plan (the key stays unused). An unknown, used or revoked key, and a wrong password for an existing email, all answer invalid_license_key. A wrong password counts as a failed sign-in (see POST /v1/auth/login): past the limit, 429.
         */
        post: operations["claimLicenseKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's webhook endpoints (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Register a webhook endpoint; its signing secret is returned this once
         * @description The account owner only. `url` must be https (http is accepted in development and test), and not a private, loopback or link-local address; names are checked again after DNS resolution at every delivery.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint, its pending deliveries and its log */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change an endpoint’s URL, events, description, or enable/disable it
         * @description Enabling an endpoint the platform disabled clears its failure streak; its pending deliveries resume.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret, shown this once; the old one keeps signing for 24 hours
         * @description Until `previous_secret_expires_at`, every delivery carries two `v1=` signatures (the new secret’s first), so a receiver can roll over.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a `ping` event to this endpoint; it shows in the deliveries log
         * @description `409 conflict` while the endpoint is disabled: nothing is sent to a disabled endpoint.
         */
        post: operations["sendWebhookTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every delivery attempt to this endpoint, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's newest webhook events (including `webhook_endpoint.disabled` notices) */
        get: operations["listWebhookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-events/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event again to the endpoints it went to (those still enabled) */
        post: operations["replayWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When the tenant is told about low credit */
        get: operations["getTenantNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set the credit balance under which `credits.low` fires */
        patch: operations["updateTenantNotifications"];
        trace?: never;
    };
    "/v1/tenant/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the account has the secret its casts’ own `webhook_url` deliveries are signed with (never the secret) */
        get: operations["getTenantWebhookSecret"];
        put?: never;
        /**
         * Make (or rotate) the secret that signs casts’ own `webhook_url` deliveries; shown this once
         * @description One per account. Until it exists, `POST /v1/casts` with a `webhook_url` is refused (`409 webhook_secret_required`). Calling it again rotates it: the old secret keeps signing, as a second `v1=`, for 24 hours.
         */
        post: operations["makeTenantWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operator behind this admin token (the console signs in with it) */
        get: operations["getAdminSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/license-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** License keys, newest first: filter by status, memo or hint, batch */
        get: operations["listLicenseKeys"];
        put?: never;
        /** Issue a batch of license keys; the keys are in this response only */
        post: operations["issueLicenseKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/license-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an unused license key (a used key stays with its tenant) */
        post: operations["revokeLicenseKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tenants, newest first: search by name, handle (current or past) or user email, filter by status */
        get: operations["listTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One tenant: users, entitlements, billing account and recent audit trail */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a tenant's status (the only way from suspended back to active) */
        post: operations["setTenantStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/entitlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant a tenant a plan by hand (source manual) */
        post: operations["grantEntitlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/entitlements/{entitlementId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke one of a tenant's active entitlements */
        post: operations["revokeEntitlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/spells": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every tenant’s spells, newest first: search by name, owner handle or description; filter by owner and status */
        get: operations["listAdminSpells"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/spells/{owner}/{name}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a public spell out of service, with a reason its owner sees
         * @description The spell leaves the catalog and every cast of it by another tenant, pinned to a version or not, answers `410 spell_retired`; its owner still casts it and sees `unpublished: {at, reason}`, and cannot make it public again. Only a public, live spell: a private, deleted or already unpublished one answers `409 conflict`. Writes `spell_unpublished` to the owner tenant’s audit log.
         */
        post: operations["unpublishSpell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/spells/{owner}/{name}/republish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put an unpublished spell back as its owner had it
         * @description Clears the unpublish; a spell that is not unpublished, or was deleted since, answers `409 conflict`. Writes `spell_republished`.
         */
        post: operations["republishSpell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/creators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Creators (tenants with spells, creator balances or a share override), newest first, with their balances and share */
        get: operations["listCreators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every creator’s payouts, newest first, filtered by status */
        get: operations["listAllPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}/creator-share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a creator’s share of their spells’ prices (null: back to CREATOR_SHARE_PERCENT)
         * @description Applies to casts settled from now on; settled casts keep the share they were split with. Audited as `creator_share_changed`.
         */
        put: operations["setCreatorShare"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first: filter by action, actor, tenant, target and time */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What this server is, for clients that are not browsers */
        get: operations["getServiceIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorInput: {
            /** @enum {string} */
            error: "unauthorized" | "forbidden" | "csrf_invalid" | "account_suspended" | "not_found" | "validation_failed" | "invalid_input" | "invalid_oauth_state" | "invalid_signature" | "invalid_license_key" | "conflict" | "cast_not_cancelable" | "webhook_secret_required" | "idempotency_in_flight" | "idempotency_mismatch" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "request_timeout" | "rate_limited" | "budget_exceeded" | "insufficient_credits" | "price_above_max" | "billing_disabled" | "billing_unavailable" | "spell_retired" | "spell_timeout" | "spell_memory_exceeded" | "spell_output_too_large" | "spell_trapped" | "spell_failed" | "spell_capability_denied" | "runtime_busy" | "not_configured" | "service_unavailable" | "internal_error";
            message: string;
            /**
             * @description On `503 service_unavailable`: which dependency failed.
             * @enum {string}
             */
            reason?: "database" | "disk_full";
            /**
             * @description On a refused upload (`400 validation_failed`): which check refused the module.
             * @enum {string}
             */
            check?: "format" | "functions" | "function_size" | "nesting" | "table_size" | "memory" | "compile_time" | "compiler" | "imports" | "no_memory" | "exports";
        } & {
            [key: string]: unknown;
        };
        BudgetExceededErrorInput: {
            /** @constant */
            error: "budget_exceeded";
            message: string;
            /** @enum {string} */
            period: "daily" | "monthly";
            /** @description The hard limit */
            limit_cents: number;
            /** @description used + reserved + this cast’s price */
            would_be_cents: number;
            /** @description Spent in the period so far */
            used_cents: number;
            /** @description Held by casts still running */
            reserved_cents: number;
            price_cents: number;
            /** @description When the period resets (ISO 8601) */
            period_end: string;
        } & {
            [key: string]: unknown;
        };
        InsufficientCreditsErrorInput: {
            /** @constant */
            error: "insufficient_credits";
            message: string;
            /** @description The prepaid credit left */
            balance_cents: number;
            price_cents: number;
        } & {
            [key: string]: unknown;
        };
        PriceAboveMaxErrorInput: {
            /** @constant */
            error: "price_above_max";
            message: string;
            spell: string;
            price_cents: number;
            max_price_cents: number;
        } & {
            [key: string]: unknown;
        };
        PaymentRequiredErrorInput: components["schemas"]["BudgetExceededErrorInput"] | components["schemas"]["InsufficientCreditsErrorInput"] | components["schemas"]["PriceAboveMaxErrorInput"];
        SpellRetiredErrorInput: {
            /** @constant */
            error: "spell_retired";
            message: string;
            /** @description `owner/name` */
            spell: string;
            /** @description When it was deleted or unpublished (ISO 8601) */
            retired_at: string | null;
            /** @description For a deleted spell: until when casts pinned to a version ran */
            pinned_until?: string | null;
        } & {
            [key: string]: unknown;
        };
        AuditLogInput: {
            /** Format: uuid */
            id: string;
            action: string;
            actor: {
                /** @enum {string} */
                type: "operator" | "user" | "stripe" | "system";
                id: string | null;
            };
            tenant_id: string | null;
            target: {
                type: string;
                id: string | null;
            };
            before: unknown;
            after: unknown;
            created_at: string;
        };
        PayoutInput: {
            /** Format: uuid */
            id: string;
            amount_cents: number;
            currency: string;
            /**
             * @description `pending` (the Transfer is on its way), `paid`, `failed` or `reversed` (the money went back to the payable balance)
             * @enum {string}
             */
            status: "pending" | "paid" | "failed" | "reversed";
            stripe_transfer_id: string | null;
            failure_message: string | null;
            created_at: string;
            paid_at: string | null;
        };
        AdminCreatorInput: {
            /** Format: uuid */
            tenant_id: string;
            name: string;
            handle: string;
            pending_cents: number;
            /** @description What the next payout run pays (over `PAYOUT_MINIMUM_CENTS`, with payouts enabled); negative after a refund of paid earnings */
            payable_cents: number;
            in_transit_cents: number;
            paid_out_cents: number;
            /** @description The operator’s override; null: `CREATOR_SHARE_PERCENT` */
            share_override_percent: number | null;
            /** @description The share casts settled from now on give this creator */
            share_percent: number;
            /** @description null: no Stripe Connect account yet */
            payouts_enabled: boolean | null;
        };
        LicenseKeyInput: {
            /** Format: uuid */
            id: string;
            hint: string;
            /** @enum {string} */
            status: "unused" | "used" | "revoked";
            memo: string;
            /** Format: uuid */
            batch_id: string;
            created_at: string;
            claimed_at: string | null;
            claimed_by: {
                /** Format: uuid */
                tenant_id: string;
                tenant_name: string;
                email: string | null;
            } | null;
            revoked_at: string | null;
        };
        SpellVersionInput: {
            version: number;
            sha256: string;
            exports: string[];
            /** @description The function casts of this version call, once the spell’s `function_name` has moved on since; null while it follows the spell’s */
            function_name: string | null;
            created_at: string;
        };
        SpellInput: {
            /** @description The name within its owner */
            name: string;
            /** @description The owner’s handle */
            owner: string;
            /** @description `owner/name`: what a cast names (with `@version` to pin one) */
            full_name: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            price_cents: number | null;
            function_name: string;
            timeout_ms: number | null;
            input_schema: unknown | null;
            tags: string[];
            /** @description true when the caller’s tenant owns the spell */
            owned: boolean;
            latest_version: number | null;
            /** @description Casts of the spell by everyone */
            casts: number;
            /** @description The share of finished casts that succeeded, 0–1; null before any */
            success_rate: number | null;
            created_at: string;
            updated_at: string;
            /** @description Set on your own deleted spells; casts pinned to a version run until `pinned_until` */
            deleted_at: string | null;
            pinned_until: string | null;
            /** @description Set on your own spell when an operator took it out of the catalog, with why */
            unpublished: {
                at: string;
                reason: string;
            } | null;
        };
        SpellDetailInput: {
            /** @description The name within its owner */
            name: string;
            /** @description The owner’s handle */
            owner: string;
            /** @description `owner/name`: what a cast names (with `@version` to pin one) */
            full_name: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            price_cents: number | null;
            function_name: string;
            timeout_ms: number | null;
            input_schema: unknown | null;
            tags: string[];
            /** @description true when the caller’s tenant owns the spell */
            owned: boolean;
            latest_version: number | null;
            /** @description Casts of the spell by everyone */
            casts: number;
            /** @description The share of finished casts that succeeded, 0–1; null before any */
            success_rate: number | null;
            created_at: string;
            updated_at: string;
            /** @description Set on your own deleted spells; casts pinned to a version run until `pinned_until` */
            deleted_at: string | null;
            pinned_until: string | null;
            /** @description Set on your own spell when an operator took it out of the catalog, with why */
            unpublished: {
                at: string;
                reason: string;
            } | null;
            /** @description Markdown */
            readme: string;
            versions: components["schemas"]["SpellVersionInput"][];
            /** @description The spell’s prices, newest first (the last 20): a change applies to casts started after it; a cast keeps the price it was charged */
            price_history: {
                /** @description null: the platform’s default cost per cast */
                price_cents: number | null;
                /** @description Casts started from this instant on are charged this price */
                from: string;
            }[];
        };
        AdminSpellInput: {
            /** Format: uuid */
            id: string;
            /** @description The owner’s handle */
            owner: string;
            name: string;
            /** @description `owner/name` */
            full_name: string;
            /** Format: uuid */
            tenant_id: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            /**
             * @description `live`, `unpublished` (by an operator) or `deleted` (by its owner)
             * @enum {string}
             */
            status: "live" | "unpublished" | "deleted";
            /** @description Casts of the spell by everyone */
            casts: number;
            unpublished: {
                at: string;
                reason: string;
            } | null;
            deleted_at: string | null;
            created_at: string;
        };
        AdminTenantInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The owner part of its spells’ names */
            handle: string;
            /** @enum {string} */
            status: "active" | "grace" | "suspended";
            grace_until: string | null;
            created_at: string;
        };
        EntitlementInput: {
            /** Format: uuid */
            id: string;
            plan_code: string;
            /** @enum {string} */
            source: "stripe" | "license" | "manual";
            source_ref: string | null;
            /** @enum {string} */
            status: "active" | "revoked";
            valid_from: string;
            valid_until: string | null;
            created_at: string;
            revoked_at: string | null;
        };
        UserInput: {
            /** Format: uuid */
            id: string;
            email: string;
            display_name: string | null;
            /** @enum {string} */
            role: "owner" | "member";
            /** Format: uuid */
            tenant_id: string;
        };
        TenantInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The owner part of the tenant’s spells’ names: `handle/spell` */
            handle: string;
            /** @enum {string} */
            status: "active" | "grace" | "suspended";
            grace_until: string | null;
        };
        ApiKeyInput: {
            prefix: string;
            name: string;
            created_at: string;
            last_used_at: string | null;
        };
        HandleStateInput: {
            /** @description true once one of the tenant’s spells has been public: the handle is then fixed */
            locked: boolean;
            locked_reason: string | null;
            /** @description Every handle the tenant has held, oldest first; they stay its own (it may take one back) */
            held: string[];
        };
        BudgetInput: {
            /** @enum {string} */
            period: "daily" | "monthly";
            soft_limit_cents: number;
            hard_limit_cents: number;
            time_zone: string;
            updated_at: string;
        };
        CastLogLineInput: {
            /**
             * @description `log` (Extism `log_*`), `stdout` or `stderr` (WASI)
             * @enum {string}
             */
            stream: "log" | "stdout" | "stderr";
            /**
             * @description The `log_*` function’s level; stdout lines are `info`, stderr lines `warn`
             * @enum {string}
             */
            level: "trace" | "debug" | "info" | "warn" | "error";
            message: string;
        };
        CastFailedErrorInput: {
            /** @enum {string} */
            error: "unauthorized" | "forbidden" | "csrf_invalid" | "account_suspended" | "not_found" | "validation_failed" | "invalid_input" | "invalid_oauth_state" | "invalid_signature" | "invalid_license_key" | "conflict" | "cast_not_cancelable" | "webhook_secret_required" | "idempotency_in_flight" | "idempotency_mismatch" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "request_timeout" | "rate_limited" | "budget_exceeded" | "insufficient_credits" | "price_above_max" | "billing_disabled" | "billing_unavailable" | "spell_retired" | "spell_timeout" | "spell_memory_exceeded" | "spell_output_too_large" | "spell_trapped" | "spell_failed" | "spell_capability_denied" | "runtime_busy" | "not_configured" | "service_unavailable" | "internal_error";
            message: string;
            /**
             * @description On `503 service_unavailable`: which dependency failed.
             * @enum {string}
             */
            reason?: "database" | "disk_full";
            /**
             * @description On a refused upload (`400 validation_failed`): which check refused the module.
             * @enum {string}
             */
            check?: "format" | "functions" | "function_size" | "nesting" | "table_size" | "memory" | "compile_time" | "compiler" | "imports" | "no_memory" | "exports";
            /**
             * Format: uuid
             * @description On a failed cast (`spell_*`): the cast, as `GET /v1/casts/{id}` shows it
             */
            cast_id?: string;
            duration_ms?: number;
            /** @description A WASI spell that ended with `proc_exit(n)`, n ≠ 0: its exit code */
            exit_code?: number;
            /** @description What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`) */
            logs?: components["schemas"]["CastLogLineInput"][];
            /** @description True when lines were dropped or cut at the cap */
            logs_truncated?: boolean;
        } & {
            [key: string]: unknown;
        };
        CastInput: {
            /** Format: uuid */
            id: string;
            /** @description `owner/name` of the spell cast */
            spell: string;
            version: number;
            /**
             * @description `queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /**
             * @description `sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)
             * @enum {string}
             */
            mode: "sync" | "async";
            /** @description Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost) */
            error_code: string | null;
            duration_ms: number | null;
            cost_cents: number | null;
            /** @description When it was accepted (an async cast: queued) */
            created_at: string;
            /** @description When it started running (an async cast: when a worker took it); `null` while queued */
            started_at: string | null;
            finished_at: string | null;
            /** @description An async cast still queued at this time fails as `expired`; `null` for sync casts */
            queue_expires_at: string | null;
            /** @description The async cast’s own `webhook_url`, as given */
            webhook_url: string | null;
        };
        WebhookEndpointInput: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            events: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
            enabled: boolean;
            /** @description `failing`: the platform disabled it after it failed for `WEBHOOK_DISABLE_AFTER_MS` */
            disabled_reason: ("failing" | "by_user") | null;
            /** @description Since when every attempt has failed; null after a success */
            failing_since: string | null;
            /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
            previous_secret_expires_at: string | null;
            created_at: string;
            updated_at: string;
        };
        WebhookAttemptInput: {
            /** Format: uuid */
            id: string;
            event_id: string;
            event_type: string;
            attempt: number;
            status_code: number | null;
            duration_ms: number;
            /** @description At most 1 KiB of the answer */
            response_excerpt: string | null;
            error: string | null;
            at: string;
        };
        WebhookEventInput: {
            id: string;
            type: string;
            created: number;
            data: {
                [key: string]: unknown;
            };
        };
        CastDetailInput: {
            /** Format: uuid */
            id: string;
            /** @description `owner/name` of the spell cast */
            spell: string;
            version: number;
            /**
             * @description `queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /**
             * @description `sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)
             * @enum {string}
             */
            mode: "sync" | "async";
            /** @description Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost) */
            error_code: string | null;
            duration_ms: number | null;
            cost_cents: number | null;
            /** @description When it was accepted (an async cast: queued) */
            created_at: string;
            /** @description When it started running (an async cast: when a worker took it); `null` while queued */
            started_at: string | null;
            finished_at: string | null;
            /** @description An async cast still queued at this time fails as `expired`; `null` for sync casts */
            queue_expires_at: string | null;
            /** @description The async cast’s own `webhook_url`, as given */
            webhook_url: string | null;
            /** @description The input as the spell got it (no input: `null`), while kept; `null` when not kept (see `input_kept`) */
            input: unknown;
            /** @description Size of the input as JSON text in UTF-8 bytes, also when the input itself was over `CAST_RESULT_MAX_BYTES`; `null` once the result is gone */
            input_bytes: number | null;
            /** @description True when `input` holds the input; false when it was over the cap, has expired, or was never kept */
            input_kept: boolean;
            /** @description What the spell returned (JSON when it parsed, else the text), while kept; `null` when not kept (see `output_kept`) or the cast failed */
            output: unknown;
            /** @description Size of the output as JSON text in UTF-8 bytes, also when over the cap; `null` when the cast failed or the result is gone */
            output_bytes: number | null;
            /** @description True when `output` holds the output (a spell may well return `null`) */
            output_kept: boolean;
            /** @description A failed cast: the message its `422` gave (cut at 4 KiB), while the result is kept; `null` otherwise */
            error_message: string | null;
            /** @description When the kept input, output and error message are deleted (`CAST_OUTPUT_RETENTION_DAYS` after the cast); `null` when none is kept: expired, still running, or cast before results were kept */
            result_expires_at: string | null;
            /** @description What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`) */
            logs: components["schemas"]["CastLogLineInput"][];
            /** @description True when lines were dropped or cut at the cap */
            logs_truncated: boolean;
            /** @description The deliveries of the cast’s own event to its `webhook_url` (empty for a cast without one, or not finished yet) */
            webhook_deliveries: {
                event_id: string;
                event_type: string;
                url: string;
                /**
                 * @description `pending` while being retried, `delivered` after a 2xx, `failed` once its retry window ended
                 * @enum {string}
                 */
                status: "pending" | "delivered" | "failed";
                /** @description Oldest first */
                attempts: components["schemas"]["WebhookAttemptInput"][];
            }[];
        };
        CreatorEarningsInput: {
            /** @description Your share of every charged cast of your spells by someone else, all time, net of refunds and lost disputes */
            earned_cents: number;
            /** @description Payouts Stripe paid */
            paid_out_cents: number;
            /** @description Pending plus payable: earned and not yet paid out (negative after a refund of earnings already paid) */
            balance_cents: number;
            /** @description Earnings awaiting the consumer’s invoice or inside the hold period (`PAYOUT_HOLD_DAYS`), and book entries while billing is off */
            pending_cents: number;
            /** @description Earnings past their hold: the next payout pays these (once over `PAYOUT_MINIMUM_CENTS`) */
            payable_cents: number;
            /** @description Payouts made whose Transfer has not been confirmed yet */
            in_transit_cents: number;
            /** @description Your share of a cast’s price for casts settled from now on: an operator’s override for you, or `CREATOR_SHARE_PERCENT` */
            share_percent: number;
            currency: string;
            /** @description Earnings of casts made while billing was off: book entries, never paid out */
            unbilled_cents: number;
            /** @description Set while billing is off: why nothing is paid out */
            unbilled: string | null;
            spells: {
                /** @description `owner/name` */
                spell: string;
                casts: number;
                earned_cents: number;
            }[];
            /** @description `by_day`’s first day (UTC) */
            from: string;
            /** @description `by_day`’s last day (UTC), inclusive */
            to: string;
            /** @description Every day of the range, oldest first, days without casts included */
            by_day: {
                day: string;
                casts: number;
                earned_cents: number;
            }[];
        };
        Error: {
            /** @enum {string} */
            error: "unauthorized" | "forbidden" | "csrf_invalid" | "account_suspended" | "not_found" | "validation_failed" | "invalid_input" | "invalid_oauth_state" | "invalid_signature" | "invalid_license_key" | "conflict" | "cast_not_cancelable" | "webhook_secret_required" | "idempotency_in_flight" | "idempotency_mismatch" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "request_timeout" | "rate_limited" | "budget_exceeded" | "insufficient_credits" | "price_above_max" | "billing_disabled" | "billing_unavailable" | "spell_retired" | "spell_timeout" | "spell_memory_exceeded" | "spell_output_too_large" | "spell_trapped" | "spell_failed" | "spell_capability_denied" | "runtime_busy" | "not_configured" | "service_unavailable" | "internal_error";
            message: string;
            /**
             * @description On `503 service_unavailable`: which dependency failed.
             * @enum {string}
             */
            reason?: "database" | "disk_full";
            /**
             * @description On a refused upload (`400 validation_failed`): which check refused the module.
             * @enum {string}
             */
            check?: "format" | "functions" | "function_size" | "nesting" | "table_size" | "memory" | "compile_time" | "compiler" | "imports" | "no_memory" | "exports";
        } & {
            [key: string]: unknown;
        };
        BudgetExceededError: {
            /** @constant */
            error: "budget_exceeded";
            message: string;
            /** @enum {string} */
            period: "daily" | "monthly";
            /** @description The hard limit */
            limit_cents: number;
            /** @description used + reserved + this cast’s price */
            would_be_cents: number;
            /** @description Spent in the period so far */
            used_cents: number;
            /** @description Held by casts still running */
            reserved_cents: number;
            price_cents: number;
            /** @description When the period resets (ISO 8601) */
            period_end: string;
        } & {
            [key: string]: unknown;
        };
        InsufficientCreditsError: {
            /** @constant */
            error: "insufficient_credits";
            message: string;
            /** @description The prepaid credit left */
            balance_cents: number;
            price_cents: number;
        } & {
            [key: string]: unknown;
        };
        PriceAboveMaxError: {
            /** @constant */
            error: "price_above_max";
            message: string;
            spell: string;
            price_cents: number;
            max_price_cents: number;
        } & {
            [key: string]: unknown;
        };
        PaymentRequiredError: components["schemas"]["BudgetExceededError"] | components["schemas"]["InsufficientCreditsError"] | components["schemas"]["PriceAboveMaxError"];
        SpellRetiredError: {
            /** @constant */
            error: "spell_retired";
            message: string;
            /** @description `owner/name` */
            spell: string;
            /** @description When it was deleted or unpublished (ISO 8601) */
            retired_at: string | null;
            /** @description For a deleted spell: until when casts pinned to a version ran */
            pinned_until?: string | null;
        } & {
            [key: string]: unknown;
        };
        AuditLog: {
            /** Format: uuid */
            id: string;
            action: string;
            actor: {
                /** @enum {string} */
                type: "operator" | "user" | "stripe" | "system";
                id: string | null;
            };
            tenant_id: string | null;
            target: {
                type: string;
                id: string | null;
            };
            before: unknown;
            after: unknown;
            created_at: string;
        };
        Payout: {
            /** Format: uuid */
            id: string;
            amount_cents: number;
            currency: string;
            /**
             * @description `pending` (the Transfer is on its way), `paid`, `failed` or `reversed` (the money went back to the payable balance)
             * @enum {string}
             */
            status: "pending" | "paid" | "failed" | "reversed";
            stripe_transfer_id: string | null;
            failure_message: string | null;
            created_at: string;
            paid_at: string | null;
        };
        AdminCreator: {
            /** Format: uuid */
            tenant_id: string;
            name: string;
            handle: string;
            pending_cents: number;
            /** @description What the next payout run pays (over `PAYOUT_MINIMUM_CENTS`, with payouts enabled); negative after a refund of paid earnings */
            payable_cents: number;
            in_transit_cents: number;
            paid_out_cents: number;
            /** @description The operator’s override; null: `CREATOR_SHARE_PERCENT` */
            share_override_percent: number | null;
            /** @description The share casts settled from now on give this creator */
            share_percent: number;
            /** @description null: no Stripe Connect account yet */
            payouts_enabled: boolean | null;
        };
        LicenseKey: {
            /** Format: uuid */
            id: string;
            hint: string;
            /** @enum {string} */
            status: "unused" | "used" | "revoked";
            memo: string;
            /** Format: uuid */
            batch_id: string;
            created_at: string;
            claimed_at: string | null;
            claimed_by: {
                /** Format: uuid */
                tenant_id: string;
                tenant_name: string;
                email: string | null;
            } | null;
            revoked_at: string | null;
        };
        SpellVersion: {
            version: number;
            sha256: string;
            exports: string[];
            /** @description The function casts of this version call, once the spell’s `function_name` has moved on since; null while it follows the spell’s */
            function_name: string | null;
            created_at: string;
        };
        Spell: {
            /** @description The name within its owner */
            name: string;
            /** @description The owner’s handle */
            owner: string;
            /** @description `owner/name`: what a cast names (with `@version` to pin one) */
            full_name: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            price_cents: number | null;
            function_name: string;
            timeout_ms: number | null;
            input_schema: unknown | null;
            tags: string[];
            /** @description true when the caller’s tenant owns the spell */
            owned: boolean;
            latest_version: number | null;
            /** @description Casts of the spell by everyone */
            casts: number;
            /** @description The share of finished casts that succeeded, 0–1; null before any */
            success_rate: number | null;
            created_at: string;
            updated_at: string;
            /** @description Set on your own deleted spells; casts pinned to a version run until `pinned_until` */
            deleted_at: string | null;
            pinned_until: string | null;
            /** @description Set on your own spell when an operator took it out of the catalog, with why */
            unpublished: {
                at: string;
                reason: string;
            } | null;
        };
        SpellDetail: {
            /** @description The name within its owner */
            name: string;
            /** @description The owner’s handle */
            owner: string;
            /** @description `owner/name`: what a cast names (with `@version` to pin one) */
            full_name: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            price_cents: number | null;
            function_name: string;
            timeout_ms: number | null;
            input_schema: unknown | null;
            tags: string[];
            /** @description true when the caller’s tenant owns the spell */
            owned: boolean;
            latest_version: number | null;
            /** @description Casts of the spell by everyone */
            casts: number;
            /** @description The share of finished casts that succeeded, 0–1; null before any */
            success_rate: number | null;
            created_at: string;
            updated_at: string;
            /** @description Set on your own deleted spells; casts pinned to a version run until `pinned_until` */
            deleted_at: string | null;
            pinned_until: string | null;
            /** @description Set on your own spell when an operator took it out of the catalog, with why */
            unpublished: {
                at: string;
                reason: string;
            } | null;
            /** @description Markdown */
            readme: string;
            versions: components["schemas"]["SpellVersion"][];
            /** @description The spell’s prices, newest first (the last 20): a change applies to casts started after it; a cast keeps the price it was charged */
            price_history: {
                /** @description null: the platform’s default cost per cast */
                price_cents: number | null;
                /** @description Casts started from this instant on are charged this price */
                from: string;
            }[];
        };
        AdminSpell: {
            /** Format: uuid */
            id: string;
            /** @description The owner’s handle */
            owner: string;
            name: string;
            /** @description `owner/name` */
            full_name: string;
            /** Format: uuid */
            tenant_id: string;
            description: string;
            /** @enum {string} */
            visibility: "public" | "private";
            /**
             * @description `live`, `unpublished` (by an operator) or `deleted` (by its owner)
             * @enum {string}
             */
            status: "live" | "unpublished" | "deleted";
            /** @description Casts of the spell by everyone */
            casts: number;
            unpublished: {
                at: string;
                reason: string;
            } | null;
            deleted_at: string | null;
            created_at: string;
        };
        AdminTenant: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The owner part of its spells’ names */
            handle: string;
            /** @enum {string} */
            status: "active" | "grace" | "suspended";
            grace_until: string | null;
            created_at: string;
        };
        Entitlement: {
            /** Format: uuid */
            id: string;
            plan_code: string;
            /** @enum {string} */
            source: "stripe" | "license" | "manual";
            source_ref: string | null;
            /** @enum {string} */
            status: "active" | "revoked";
            valid_from: string;
            valid_until: string | null;
            created_at: string;
            revoked_at: string | null;
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            display_name: string | null;
            /** @enum {string} */
            role: "owner" | "member";
            /** Format: uuid */
            tenant_id: string;
        };
        Tenant: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The owner part of the tenant’s spells’ names: `handle/spell` */
            handle: string;
            /** @enum {string} */
            status: "active" | "grace" | "suspended";
            grace_until: string | null;
        };
        ApiKey: {
            prefix: string;
            name: string;
            created_at: string;
            last_used_at: string | null;
        };
        HandleState: {
            /** @description true once one of the tenant’s spells has been public: the handle is then fixed */
            locked: boolean;
            locked_reason: string | null;
            /** @description Every handle the tenant has held, oldest first; they stay its own (it may take one back) */
            held: string[];
        };
        Budget: {
            /** @enum {string} */
            period: "daily" | "monthly";
            soft_limit_cents: number;
            hard_limit_cents: number;
            time_zone: string;
            updated_at: string;
        };
        CastLogLine: {
            /**
             * @description `log` (Extism `log_*`), `stdout` or `stderr` (WASI)
             * @enum {string}
             */
            stream: "log" | "stdout" | "stderr";
            /**
             * @description The `log_*` function’s level; stdout lines are `info`, stderr lines `warn`
             * @enum {string}
             */
            level: "trace" | "debug" | "info" | "warn" | "error";
            message: string;
        };
        CastFailedError: {
            /** @enum {string} */
            error: "unauthorized" | "forbidden" | "csrf_invalid" | "account_suspended" | "not_found" | "validation_failed" | "invalid_input" | "invalid_oauth_state" | "invalid_signature" | "invalid_license_key" | "conflict" | "cast_not_cancelable" | "webhook_secret_required" | "idempotency_in_flight" | "idempotency_mismatch" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "request_timeout" | "rate_limited" | "budget_exceeded" | "insufficient_credits" | "price_above_max" | "billing_disabled" | "billing_unavailable" | "spell_retired" | "spell_timeout" | "spell_memory_exceeded" | "spell_output_too_large" | "spell_trapped" | "spell_failed" | "spell_capability_denied" | "runtime_busy" | "not_configured" | "service_unavailable" | "internal_error";
            message: string;
            /**
             * @description On `503 service_unavailable`: which dependency failed.
             * @enum {string}
             */
            reason?: "database" | "disk_full";
            /**
             * @description On a refused upload (`400 validation_failed`): which check refused the module.
             * @enum {string}
             */
            check?: "format" | "functions" | "function_size" | "nesting" | "table_size" | "memory" | "compile_time" | "compiler" | "imports" | "no_memory" | "exports";
            /**
             * Format: uuid
             * @description On a failed cast (`spell_*`): the cast, as `GET /v1/casts/{id}` shows it
             */
            cast_id?: string;
            duration_ms?: number;
            /** @description A WASI spell that ended with `proc_exit(n)`, n ≠ 0: its exit code */
            exit_code?: number;
            /** @description What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`) */
            logs?: components["schemas"]["CastLogLine"][];
            /** @description True when lines were dropped or cut at the cap */
            logs_truncated?: boolean;
        } & {
            [key: string]: unknown;
        };
        Cast: {
            /** Format: uuid */
            id: string;
            /** @description `owner/name` of the spell cast */
            spell: string;
            version: number;
            /**
             * @description `queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /**
             * @description `sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)
             * @enum {string}
             */
            mode: "sync" | "async";
            /** @description Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost) */
            error_code: string | null;
            duration_ms: number | null;
            cost_cents: number | null;
            /** @description When it was accepted (an async cast: queued) */
            created_at: string;
            /** @description When it started running (an async cast: when a worker took it); `null` while queued */
            started_at: string | null;
            finished_at: string | null;
            /** @description An async cast still queued at this time fails as `expired`; `null` for sync casts */
            queue_expires_at: string | null;
            /** @description The async cast’s own `webhook_url`, as given */
            webhook_url: string | null;
        };
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            events: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
            enabled: boolean;
            /** @description `failing`: the platform disabled it after it failed for `WEBHOOK_DISABLE_AFTER_MS` */
            disabled_reason: ("failing" | "by_user") | null;
            /** @description Since when every attempt has failed; null after a success */
            failing_since: string | null;
            /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
            previous_secret_expires_at: string | null;
            created_at: string;
            updated_at: string;
        };
        WebhookAttempt: {
            /** Format: uuid */
            id: string;
            event_id: string;
            event_type: string;
            attempt: number;
            status_code: number | null;
            duration_ms: number;
            /** @description At most 1 KiB of the answer */
            response_excerpt: string | null;
            error: string | null;
            at: string;
        };
        WebhookEvent: {
            id: string;
            type: string;
            created: number;
            data: {
                [key: string]: unknown;
            };
        };
        CastDetail: {
            /** Format: uuid */
            id: string;
            /** @description `owner/name` of the spell cast */
            spell: string;
            version: number;
            /**
             * @description `queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /**
             * @description `sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)
             * @enum {string}
             */
            mode: "sync" | "async";
            /** @description Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost) */
            error_code: string | null;
            duration_ms: number | null;
            cost_cents: number | null;
            /** @description When it was accepted (an async cast: queued) */
            created_at: string;
            /** @description When it started running (an async cast: when a worker took it); `null` while queued */
            started_at: string | null;
            finished_at: string | null;
            /** @description An async cast still queued at this time fails as `expired`; `null` for sync casts */
            queue_expires_at: string | null;
            /** @description The async cast’s own `webhook_url`, as given */
            webhook_url: string | null;
            /** @description The input as the spell got it (no input: `null`), while kept; `null` when not kept (see `input_kept`) */
            input: unknown;
            /** @description Size of the input as JSON text in UTF-8 bytes, also when the input itself was over `CAST_RESULT_MAX_BYTES`; `null` once the result is gone */
            input_bytes: number | null;
            /** @description True when `input` holds the input; false when it was over the cap, has expired, or was never kept */
            input_kept: boolean;
            /** @description What the spell returned (JSON when it parsed, else the text), while kept; `null` when not kept (see `output_kept`) or the cast failed */
            output: unknown;
            /** @description Size of the output as JSON text in UTF-8 bytes, also when over the cap; `null` when the cast failed or the result is gone */
            output_bytes: number | null;
            /** @description True when `output` holds the output (a spell may well return `null`) */
            output_kept: boolean;
            /** @description A failed cast: the message its `422` gave (cut at 4 KiB), while the result is kept; `null` otherwise */
            error_message: string | null;
            /** @description When the kept input, output and error message are deleted (`CAST_OUTPUT_RETENTION_DAYS` after the cast); `null` when none is kept: expired, still running, or cast before results were kept */
            result_expires_at: string | null;
            /** @description What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`) */
            logs: components["schemas"]["CastLogLine"][];
            /** @description True when lines were dropped or cut at the cap */
            logs_truncated: boolean;
            /** @description The deliveries of the cast’s own event to its `webhook_url` (empty for a cast without one, or not finished yet) */
            webhook_deliveries: {
                event_id: string;
                event_type: string;
                url: string;
                /**
                 * @description `pending` while being retried, `delivered` after a 2xx, `failed` once its retry window ended
                 * @enum {string}
                 */
                status: "pending" | "delivered" | "failed";
                /** @description Oldest first */
                attempts: components["schemas"]["WebhookAttempt"][];
            }[];
        };
        CreatorEarnings: {
            /** @description Your share of every charged cast of your spells by someone else, all time, net of refunds and lost disputes */
            earned_cents: number;
            /** @description Payouts Stripe paid */
            paid_out_cents: number;
            /** @description Pending plus payable: earned and not yet paid out (negative after a refund of earnings already paid) */
            balance_cents: number;
            /** @description Earnings awaiting the consumer’s invoice or inside the hold period (`PAYOUT_HOLD_DAYS`), and book entries while billing is off */
            pending_cents: number;
            /** @description Earnings past their hold: the next payout pays these (once over `PAYOUT_MINIMUM_CENTS`) */
            payable_cents: number;
            /** @description Payouts made whose Transfer has not been confirmed yet */
            in_transit_cents: number;
            /** @description Your share of a cast’s price for casts settled from now on: an operator’s override for you, or `CREATOR_SHARE_PERCENT` */
            share_percent: number;
            currency: string;
            /** @description Earnings of casts made while billing was off: book entries, never paid out */
            unbilled_cents: number;
            /** @description Set while billing is off: why nothing is paid out */
            unbilled: string | null;
            spells: {
                /** @description `owner/name` */
                spell: string;
                casts: number;
                earned_cents: number;
            }[];
            /** @description `by_day`’s first day (UTC) */
            from: string;
            /** @description `by_day`’s last day (UTC), inclusive */
            to: string;
            /** @description Every day of the range, oldest first, days without casts included */
            by_day: {
                day: string;
                casts: number;
                earned_cents: number;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded" | "unavailable";
                        checks: {
                            /** @enum {string} */
                            database: "ok" | "down";
                            /** @enum {string} */
                            redis: "ok" | "down" | "disabled";
                            /** @enum {string} */
                            disk: "ok" | "disk_full" | "disabled";
                        };
                    };
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded" | "unavailable";
                        checks: {
                            /** @enum {string} */
                            database: "ok" | "down";
                            /** @enum {string} */
                            redis: "ok" | "down" | "disabled";
                            /** @enum {string} */
                            disk: "ok" | "disk_full" | "disabled";
                        };
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format, version 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["Error"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    display_name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        user: components["schemas"]["User"];
                        expires_at: string;
                        tenant: components["schemas"]["Tenant"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        user: components["schemas"]["User"];
                        expires_at: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "session" | "api_key";
                        user: components["schemas"]["User"];
                        tenant: components["schemas"]["Tenant"];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCsrfToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrf_token: string;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startGithubSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To GitHub’s authorization page, with a state cookie set */
            302: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    finishGithubSignIn: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description With `Accept: application/json`: the session, and whether the account was just created */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        user: components["schemas"]["User"];
                        created: boolean;
                    };
                };
            };
            /** @description To the web app, signed in (the session cookie is set) */
            302: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    finishGithubSignInAlias: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description With `Accept: application/json`: the session, and whether the account was just created */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        user: components["schemas"]["User"];
                        created: boolean;
                    };
                };
            };
            /** @description To the web app, signed in (the session cookie is set) */
            302: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Implemented */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                        tenant: components["schemas"]["Tenant"];
                        /** @enum {string} */
                        role: "owner" | "member";
                        /** @enum {string} */
                        plan: "FREE" | "PRO" | "LIFETIME";
                        /** @enum {string} */
                        status: "active" | "grace" | "suspended";
                        grace_until: string | null;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["Tenant"];
                        handle: components["schemas"]["HandleState"];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    handle: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["Tenant"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTenantAuditLogs: {
        parameters: {
            query?: {
                /** @description One of `license_generated`, `license_claimed`, `license_revoked`, `entitlement_created`, `entitlement_revoked`, `tenant_status_changed`, `tenant_suspended`, `subscription_status_changed`, `credits_purchased`, `credits_refunded`, `credits_dispute_lost`, `purchase_payment_failed`, `admin_token_created`, `admin_token_revoked`, `cast_logs_purged`, `cast_results_purged`, `webhook_logs_purged`, `spell_unpublished`, `spell_republished`, `handle_changed`, `creator_share_changed`, `payout_account_updated`, `payout_paid`, `payout_failed`, `payout_reversed`, `ledger_mismatch`, `webhook_endpoint_disabled` */
                action?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audit_logs: components["schemas"]["AuditLog"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        prefix: string;
                        name: string;
                        created_at: string;
                        last_used_at: string | null;
                        key: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                prefix: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSpells: {
        parameters: {
            query?: {
                mine?: "true" | "false";
                q?: string;
                owner?: string;
                tag?: string;
                sort?: "name" | "popular" | "new";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        spells: components["schemas"]["Spell"][];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSpell: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string;
                    /** @enum {string} */
                    visibility?: "public" | "private";
                    price_cents?: number | null;
                    /** @description The exported function a cast calls (default `cast`) */
                    function_name?: string;
                    /** @description A cast’s time limit; null: the server’s default */
                    timeout_ms?: number | null;
                    /** @description A JSON Schema (draft-07) every cast’s input must match */
                    input_schema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description Up to 10 catalog tags (duplicates dropped) */
                    tags?: string[];
                    /** @description The spell’s page, in Markdown (raw HTML is shown as text, never run) */
                    readme?: string;
                };
                "multipart/form-data": {
                    /** @description The JSON body, as text */
                    spell: string;
                    /** @description The .wasm file */
                    module: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellDetail"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSpellByOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                owner: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellDetail"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSpell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellDetail"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSpell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSpell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @enum {string} */
                    visibility?: "public" | "private";
                    price_cents?: number | null;
                    /** @description The exported function a cast calls (default `cast`) */
                    function_name?: string;
                    /** @description A cast’s time limit; null: the server’s default */
                    timeout_ms?: number | null;
                    /** @description A JSON Schema (draft-07) every cast’s input must match */
                    input_schema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description Up to 10 catalog tags (duplicates dropped) */
                    tags?: string[];
                    /** @description The spell’s page, in Markdown (raw HTML is shown as text, never run) */
                    readme?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Spell"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadSpellVersion: {
        parameters: {
            query?: {
                /** @description Switch the spell to this function with this version (checked against this module, in the same transaction) */
                function_name?: string;
            };
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/wasm": string;
                "application/octet-stream": string;
                "multipart/form-data": {
                    /** @description The .wasm file */
                    module: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellVersion"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSpellStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        casts: number;
                        succeeded: number;
                        failed: number;
                        /** @description Your share of the price of its casts by others, net of refunds and lost disputes (your own casts earn nothing) */
                        earnings_cents: number;
                        last_cast_at: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCreatorEarnings: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatorEarnings"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCreatorPayouts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        payouts: components["schemas"]["Payout"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCreatorStatement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv; charset=utf-8 */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        budget: components["schemas"]["Budget"] | null;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    period?: "daily" | "monthly";
                    soft_limit_cents?: number;
                    hard_limit_cents?: number;
                    time_zone?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        budget: components["schemas"]["Budget"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setBudget: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    period: "daily" | "monthly";
                    soft_limit_cents: number;
                    hard_limit_cents: number;
                    /** @default UTC */
                    time_zone?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        budget: components["schemas"]["Budget"];
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        budget: components["schemas"]["Budget"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBudgetUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        period: "daily" | "monthly";
                        time_zone: string;
                        period_start: string;
                        period_end: string;
                        used_cents: number;
                        reserved_cents: number;
                        casts: number;
                        soft_limit_cents: number | null;
                        hard_limit_cents: number | null;
                        soft_limit_exceeded: boolean;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBudgetUsageSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        period: "daily" | "monthly";
                        time_zone: string;
                        period_start: string;
                        period_end: string;
                        /** @enum {string} */
                        bucket: "hour" | "day";
                        points: {
                            start: string;
                            last_cast_at: string;
                            cents: number;
                            casts: number;
                        }[];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    castSpell: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `owner/name`, `owner/name@version` (pinned), or a bare `name[@version]` for your own spell */
                    spell: string;
                    input?: unknown;
                    /** @description The most you accept to pay for this cast: a spell whose price is above it is refused (`402 price_above_max`) before anything runs or is charged */
                    max_price_cents?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    /** @description `soft_limit_exceeded` once the period’s spending is past the budget’s soft limit; absent otherwise. */
                    "spell-budget-warning"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        cast_id: string;
                        output: unknown;
                        duration_ms: number;
                        cost_cents: number;
                        /** @description What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`) */
                        logs: components["schemas"]["CastLogLine"][];
                        /** @description True when lines were dropped or cut at the cap */
                        logs_truncated: boolean;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment Required */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequiredError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    /** @description `soft_limit_exceeded` once the period’s spending is past the budget’s soft limit; absent otherwise. */
                    "spell-budget-warning"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CastFailedError"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    /** @description On `runtime_busy`: seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCasts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        casts: components["schemas"]["Cast"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queueCast: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `owner/name`, `owner/name@version` (pinned), or a bare `name[@version]` for your own spell */
                    spell: string;
                    input?: unknown;
                    /** @description The most you accept to pay for this cast: a spell whose price is above it is refused (`402 price_above_max`) before anything runs or is charged */
                    max_price_cents?: number;
                    /**
                     * Format: uri
                     * @description Where the cast’s own `cast.succeeded` / `cast.failed` event is POSTed, signed with the tenant’s webhook secret (`POST /v1/tenant/webhook-secret` first, or `409 webhook_secret_required`); the same URL rules as a webhook endpoint
                     */
                    webhook_url?: string;
                    /** @description How long the cast may run once a worker takes it, up to `SPELL_MAX_ASYNC_TIMEOUT_MS` (default: the spell’s own timeout) */
                    timeout_ms?: number;
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    /** @description The cast: `GET` it for its status and, once done, its output */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description `owner/name` of the spell cast */
                        spell: string;
                        version: number;
                        /**
                         * @description `queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`
                         * @enum {string}
                         */
                        status: "queued" | "running" | "succeeded" | "failed" | "canceled";
                        /**
                         * @description `sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)
                         * @enum {string}
                         */
                        mode: "sync" | "async";
                        /** @description Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost) */
                        error_code: string | null;
                        duration_ms: number | null;
                        cost_cents: number | null;
                        /** @description When it was accepted (an async cast: queued) */
                        created_at: string;
                        /** @description When it started running (an async cast: when a worker took it); `null` while queued */
                        started_at: string | null;
                        finished_at: string | null;
                        /** @description An async cast still queued at this time fails as `expired`; `null` for sync casts */
                        queue_expires_at: string | null;
                        /** @description The async cast’s own `webhook_url`, as given */
                        webhook_url: string | null;
                        /** Format: uuid */
                        cast_id: string;
                        price_cents: number;
                        timeout_ms: number;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment Required */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequiredError"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpellRetiredError"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCast: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CastDetail"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelCast: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cast"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBilling: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        /** @enum {string} */
                        plan: "FREE" | "PRO" | "LIFETIME";
                        /** @enum {string} */
                        tenant_status: "active" | "grace" | "suspended";
                        grace_until: string | null;
                        subscription_status: string;
                        current_period_end: string | null;
                        credits_cents: number;
                        plan_price_id: string | null;
                        credit_packs: {
                            price_id: string;
                            credits_cents: number;
                        }[];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCheckout: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    mode: "subscription" | "payment";
                    /** @description payment mode: which credit pack (default: the first configured) */
                    price_id?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                        id: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPortalSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPurchases: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        purchases: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            mode: "payment" | "subscription";
                            price_id: string | null;
                            amount_cents: number | null;
                            currency: string | null;
                            credits_cents: number;
                            /**
                             * @description `paid` or `no_payment_required` once settled; `unpaid` while a delayed payment is pending (its credit is granted when it is paid); `failed` if it never was.
                             * @enum {string}
                             */
                            payment_status: "paid" | "unpaid" | "no_payment_required" | "failed";
                            /** @description Credit taken back by refunds and lost disputes. */
                            credits_reversed_cents: number;
                            checkout_session_id: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptions: {
                            /** @description Stripe subscription id */
                            id: string;
                            status: string;
                            price_id: string | null;
                            current_period_end: string | null;
                            cancel_at_period_end: boolean;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        received: true;
                        /** @enum {string} */
                        result: "processed" | "ignored" | "duplicate";
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPayoutOnboarding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                        /** @description When the link stops working (ISO 8601) */
                        expires_at: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPayoutAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Billing is on: payouts are made (with billing off, earnings are book entries, never paid out) */
                        enabled: boolean;
                        account: {
                            /** @description The creator’s Stripe Connect Express account (`acct_…`) */
                            stripe_account_id: string;
                            /** @description The creator finished Stripe’s onboarding form */
                            details_submitted: boolean;
                            /** @description Stripe lets the account receive payouts: the payouts job pays it */
                            payouts_enabled: boolean;
                            updated_at: string;
                        } | null;
                        /**
                         * @description `onboard`: no account yet; `finish_onboarding`: Stripe needs more before it pays the account; `none`: payouts are on
                         * @enum {string}
                         */
                        next_step: "onboard" | "finish_onboarding" | "none";
                        /** @description A payable balance below this waits for the next run (`PAYOUT_MINIMUM_CENTS`) */
                        minimum_cents: number;
                        /** @description Days an earning is held before it is payable (`PAYOUT_HOLD_DAYS`) */
                        hold_days: number;
                        currency: string;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveStripeConnectWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        received: true;
                        /** @enum {string} */
                        result: "processed" | "ignored" | "duplicate";
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    claimLicenseKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    display_name?: string;
                    /** @description The new tenant's name; defaults to display_name, then the email, as at sign-up */
                    tenant_name?: string;
                    license_key: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        user: components["schemas"]["User"];
                        tenant: components["schemas"]["Tenant"];
                        expires_at: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoints: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        description: string | null;
                        events: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
                        enabled: boolean;
                        /** @description `failing`: the platform disabled it after it failed for `WEBHOOK_DISABLE_AFTER_MS` */
                        disabled_reason: ("failing" | "by_user") | null;
                        /** @description Since when every attempt has failed; null after a success */
                        failing_since: string | null;
                        /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
                        previous_secret_expires_at: string | null;
                        created_at: string;
                        updated_at: string;
                        /** @description `whsec_…`, shown this once */
                        secret: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
                    description?: string | null;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        description: string | null;
                        events: ("cast.succeeded" | "cast.failed" | "budget.soft_limit_reached" | "budget.hard_limit_reached" | "tenant.grace_started" | "tenant.suspended" | "credits.low" | "creator.payout_paid" | "webhook_endpoint.disabled")[];
                        enabled: boolean;
                        /** @description `failing`: the platform disabled it after it failed for `WEBHOOK_DISABLE_AFTER_MS` */
                        disabled_reason: ("failing" | "by_user") | null;
                        /** @description Since when every attempt has failed; null after a success */
                        failing_since: string | null;
                        /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
                        previous_secret_expires_at: string | null;
                        created_at: string;
                        updated_at: string;
                        secret: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendWebhookTestEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event_id: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: components["schemas"]["WebhookAttempt"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEvents: {
        parameters: {
            query?: {
                type?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["WebhookEvent"][];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayWebhookEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event_id: string;
                        deliveries: number;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `credits.low` fires when a charge takes the credit balance below this; null: never */
                        credits_low_threshold_cents: number | null;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTenantNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `credits.low` fires when a charge takes the credit balance below this; null: never */
                    credits_low_threshold_cents: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `credits.low` fires when a charge takes the credit balance below this; null: never */
                        credits_low_threshold_cents: number | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exists: boolean;
                        created_at: string | null;
                        rotated_at: string | null;
                        /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
                        previous_secret_expires_at: string | null;
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    makeTenantWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exists: boolean;
                        created_at: string | null;
                        rotated_at: string | null;
                        /** @description Until when the secret replaced by the last rotation still signs (a second `v1=`) */
                        previous_secret_expires_at: string | null;
                        /** @description `whsec_…`, shown this once */
                        secret: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAdminSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        admin: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            created_at: string;
                        };
                    };
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLicenseKeys: {
        parameters: {
            query?: {
                status?: "unused" | "used" | "revoked";
                q?: string;
                batch_id?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        license_keys: components["schemas"]["LicenseKey"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueLicenseKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    count: number;
                    memo: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        batch_id: string;
                        memo: string;
                        created_at: string;
                        keys: {
                            /** Format: uuid */
                            id: string;
                            key: string;
                        }[];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeLicenseKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        license_key: components["schemas"]["LicenseKey"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                q?: string;
                status?: "active" | "grace" | "suspended";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenants: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The owner part of its spells’ names */
                            handle: string;
                            /** @enum {string} */
                            status: "active" | "grace" | "suspended";
                            grace_until: string | null;
                            created_at: string;
                            owner_email: string | null;
                            /** @enum {string} */
                            plan: "FREE" | "PRO" | "LIFETIME";
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["AdminTenant"];
                        /** @enum {string} */
                        plan: "FREE" | "PRO" | "LIFETIME";
                        users: {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            display_name: string | null;
                            /** @enum {string} */
                            role: "owner" | "member";
                            created_at: string;
                        }[];
                        entitlements: components["schemas"]["Entitlement"][];
                        billing_account: {
                            stripe_customer_id: string;
                            status: string;
                            created_at: string;
                        } | null;
                        audit_logs: components["schemas"]["AuditLog"][];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setTenantStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "active" | "grace" | "suspended";
                    reason: string;
                    /**
                     * Format: date-time
                     * @description for grace: when it ends (default: in 14 days)
                     */
                    grace_until?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["AdminTenant"];
                        changed: boolean;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    grantEntitlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    plan_code: "PRO" | "LIFETIME";
                    /** Format: date-time */
                    valid_until?: string;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entitlement: components["schemas"]["Entitlement"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeEntitlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                entitlementId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                } | null;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entitlement: components["schemas"]["Entitlement"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAdminSpells: {
        parameters: {
            query?: {
                q?: string;
                /** @description an owner’s handle, exactly */
                owner?: string;
                status?: "live" | "unpublished" | "deleted";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        spells: components["schemas"]["AdminSpell"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unpublishSpell: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                owner: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Shown to the spell’s owner */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        spell: components["schemas"]["AdminSpell"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    republishSpell: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key with the same request within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and runs nothing twice; a different request with the key is `422 idempotency_mismatch`, a retry while the first runs `409 idempotency_in_flight`. Per tenant. */
                "Idempotency-Key"?: string;
            };
            path: {
                owner: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never> | null;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        spell: components["schemas"]["AdminSpell"];
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCreators: {
        parameters: {
            query?: {
                q?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        creators: components["schemas"]["AdminCreator"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAllPayouts: {
        parameters: {
            query?: {
                status?: "pending" | "paid" | "failed" | "reversed";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        payouts: {
                            /** Format: uuid */
                            id: string;
                            amount_cents: number;
                            currency: string;
                            /**
                             * @description `pending` (the Transfer is on its way), `paid`, `failed` or `reversed` (the money went back to the payable balance)
                             * @enum {string}
                             */
                            status: "pending" | "paid" | "failed" | "reversed";
                            stripe_transfer_id: string | null;
                            failure_message: string | null;
                            created_at: string;
                            paid_at: string | null;
                            /** Format: uuid */
                            tenant_id: string;
                            handle: string | null;
                            stripe_account_id: string;
                            attempts: number;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setCreatorShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    percent: number | null;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        tenant_id: string;
                        share_override_percent: number | null;
                        share_percent: number;
                        changed: boolean;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description One of `license_generated`, `license_claimed`, `license_revoked`, `entitlement_created`, `entitlement_revoked`, `tenant_status_changed`, `tenant_suspended`, `subscription_status_changed`, `credits_purchased`, `credits_refunded`, `credits_dispute_lost`, `purchase_payment_failed`, `admin_token_created`, `admin_token_revoked`, `cast_logs_purged`, `cast_results_purged`, `webhook_logs_purged`, `spell_unpublished`, `spell_republished`, `handle_changed`, `creator_share_changed`, `payout_account_updated`, `payout_paid`, `payout_failed`, `payout_reversed`, `ledger_mismatch`, `webhook_endpoint_disabled` */
                action?: string;
                actor_type?: "operator" | "user" | "stripe" | "system";
                actor_id?: string;
                tenant_id?: string;
                target_type?: string;
                target_id?: string;
                /** @description inclusive, ISO 8601 */
                from?: string;
                /** @description exclusive, ISO 8601 */
                to?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audit_logs: components["schemas"]["AuditLog"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    /** @description Requests allowed per window for this caller. */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "RateLimit-Reset"?: number;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getServiceIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where to go from here: the web app, the API documentation and the OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        name: "Spell Platform";
                        message: string;
                        /** @description Open in a browser; null when the web app is not built */
                        web_app: string | null;
                        admin_console: string | null;
                        /** @description The API, browsable */
                        docs: string;
                        /** @description The OpenAPI document */
                        openapi: string;
                        health: string;
                    };
                };
            };
        };
    };
}
