import { ApiError, callApi, type ApiResponse, type RequestOptions } from './http';
import type {
  ApiKey, BillingOverview, Budget, Cast, CastDetail, CastResult, CastWebhookSecret, CatalogQuery, CreatorEarnings, QueuedCast, Me, Payout, PayoutAccount, NewSpell, Period, Purchase, Spell, SpellChanges, SpellDetail, SpellStats,
  SpellVersion, Subscription, Tenant, TenantAccount, Usage, UsageSeries, User, WebhookAttempt, WebhookEndpoint, WebhookEventType,
} from './types';

/**
 * The web app's client: the HttpOnly session cookie authenticates, and every write carries the
 * CSRF token bound to that session (fetched once, refreshed when the session changes).
 */
let csrfToken: string | null = null;

/** Forget the CSRF token: the session it was bound to has changed. */
export function resetCsrf(): void {
  csrfToken = null;
}

async function ensureCsrf(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  try {
    csrfToken = (await callApi<{ csrf_token: string }>('/v1/auth/csrf')).body.csrf_token;
  } catch (error) {
    // Signed out: there is no cookie session, so writes need no token.
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
  return csrfToken;
}

/** Fired when the API no longer accepts the session (it expired or was signed out elsewhere). */
export const SESSION_EXPIRED_EVENT = 'spell-session-expired';

// Answers 401 as part of their job: who is signed in, signing in, claiming a key.
const answersSignedOut = (path: string) => path === '/v1/me' || path.startsWith('/v1/auth/') || path.startsWith('/v1/public/');

async function call<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  try {
    return await callWithCsrf<T>(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !answersSignedOut(path)) window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
    throw error;
  }
}

async function callWithCsrf<T>(path: string, options: RequestOptions): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  if (method === 'GET') return callApi<T>(path, options);
  const send = async () => {
    const token = await ensureCsrf();
    return callApi<T>(path, { ...options, headers: { ...options.headers, ...(token && { 'x-csrf-token': token }) } });
  };
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_invalid')) throw error;
    resetCsrf();
    return send();
  }
}

const get = async <T>(path: string) => (await call<T>(path)).body;
const post = async <T>(path: string, json?: unknown) => (await call<T>(path, { method: 'POST', json: json ?? {} })).body;

interface SessionAnswer { token: string; user: User; expires_at: string }

export const api = {
  me: () => get<Me>('/v1/me'),
  register: (input: { email: string; password: string; display_name?: string }) => post<SessionAnswer>('/v1/auth/register', input),
  login: (input: { email: string; password: string }) => post<SessionAnswer>('/v1/auth/login', input),
  logout: () => call<null>('/v1/auth/logout', { method: 'POST' }),
  claimLicense: (input: { email: string; password: string; display_name?: string; tenant_name?: string; license_key: string }) =>
    post<SessionAnswer>('/v1/public/license/claim', input),

  account: () => get<TenantAccount>('/v1/tenant'),
  changeHandle: (handle: string) => call<{ tenant: Tenant }>('/v1/tenant', { method: 'PATCH', json: { handle } }).then((r) => r.body),

  listKeys: () => get<{ keys: ApiKey[] }>('/v1/keys'),
  createKey: (name: string) => post<ApiKey & { key: string }>('/v1/keys', { name }),
  deleteKey: (prefix: string) => call<null>(`/v1/keys/${encodeURIComponent(prefix)}`, { method: 'DELETE' }),

  listWebhookEndpoints: () => get<{ endpoints: WebhookEndpoint[] }>('/v1/webhook-endpoints'),
  createWebhookEndpoint: (input: { url: string; events: WebhookEventType[]; description?: string }) =>
    post<WebhookEndpoint & { secret: string }>('/v1/webhook-endpoints', input),
  updateWebhookEndpoint: (id: string, changes: { enabled?: boolean; url?: string; events?: WebhookEventType[] }) =>
    call<WebhookEndpoint>(`/v1/webhook-endpoints/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes }).then((r) => r.body),
  deleteWebhookEndpoint: (id: string) => call<null>(`/v1/webhook-endpoints/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  rotateWebhookSecret: (id: string) => post<WebhookEndpoint & { secret: string }>(`/v1/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`),
  /** The tenant's secret that signs deliveries to casts' own `webhook_url` (never the secret itself). */
  castWebhookSecret: () => get<CastWebhookSecret>('/v1/tenant/webhook-secret'),
  /** Makes or rotates it; the answer carries the secret, this once. */
  makeCastWebhookSecret: () => post<CastWebhookSecret & { secret: string }>('/v1/tenant/webhook-secret'),
  sendWebhookTest: (id: string) => post<{ event_id: string }>(`/v1/webhook-endpoints/${encodeURIComponent(id)}/test`),
  webhookDeliveries: (id: string) => get<{ deliveries: WebhookAttempt[]; next_cursor: string | null }>(`/v1/webhook-endpoints/${encodeURIComponent(id)}/deliveries`),
  replayWebhookEvent: (eventId: string) => post<{ event_id: string; deliveries: number }>(`/v1/webhook-events/${encodeURIComponent(eventId)}/replay`),

  /** The catalog, searched: empty fields are left out of the query. */
  listSpells: (query: CatalogQuery = {}) => {
    const params = new URLSearchParams({ limit: String(query.limit ?? 200) });
    for (const key of ['q', 'owner', 'tag', 'sort'] as const) if (query[key]) params.set(key, String(query[key]));
    if (query.mine) params.set('mine', 'true');
    return get<{ spells: Spell[] }>(`/v1/spells?${params.toString()}`);
  },
  /** Any spell the caller may see, by its owner's handle and its name. */
  getSpellByOwner: (owner: string, name: string) => get<SpellDetail>(`/v1/spells/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`),
  /** One of the caller's own spells (a bare name is always the caller's). */
  getSpell: (name: string) => get<SpellDetail>(`/v1/spells/${encodeURIComponent(name)}`),
  spellStats: (name: string) => get<SpellStats>(`/v1/spells/${encodeURIComponent(name)}/stats`),
  /** Creates the spell with `file` as its version 1, or nothing when the module is refused. */
  createSpellWithModule: (spell: NewSpell, file: File) => {
    const form = new FormData();
    form.append('spell', JSON.stringify(spell));
    form.append('module', file, file.name);
    return call<SpellDetail>('/v1/spells', { method: 'POST', form }).then((r) => r.body);
  },
  updateSpell: (name: string, input: SpellChanges) =>
    call<Spell>(`/v1/spells/${encodeURIComponent(name)}`, { method: 'PATCH', json: input }).then((r) => r.body),
  uploadVersion: (name: string, file: File) => {
    const form = new FormData();
    form.append('module', file, file.name);
    return call<SpellVersion>(`/v1/spells/${encodeURIComponent(name)}/versions`, { method: 'POST', form }).then((r) => r.body);
  },

  cast: (spell: string, input: unknown) => call<CastResult>('/v1/cast', { method: 'POST', json: { spell, input } }),
  /** Queues the cast for a worker; follow it with `getCast` until it is done. */
  queueCast: (spell: string, input: unknown) => post<QueuedCast>('/v1/casts', { spell, input }),
  cancelCast: (id: string) => post<Cast>(`/v1/casts/${encodeURIComponent(id)}/cancel`),
  listCasts: (cursor?: string, limit = 50) =>
    get<{ casts: Cast[]; next_cursor: string | null }>(`/v1/casts?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  getCast: (id: string) => get<CastDetail>(`/v1/casts/${encodeURIComponent(id)}`),

  getBudget: () => get<{ budget: Budget | null }>('/v1/budgets'),
  saveBudget: (input: { period: Period; soft_limit_cents: number; hard_limit_cents: number; time_zone: string }) =>
    post<{ budget: Budget }>('/v1/budgets', input),
  deleteBudget: () => call<null>('/v1/budgets', { method: 'DELETE' }),
  usage: () => get<Usage>('/v1/budgets/usage'),
  usageSeries: () => get<UsageSeries>('/v1/budgets/usage/series'),

  billing: () => get<BillingOverview>('/v1/billing'),
  checkout: (input: { mode: 'subscription' | 'payment'; price_id?: string }) => post<{ url: string; id: string }>('/v1/billing/checkout', input),
  portal: () => post<{ url: string }>('/v1/billing/portal'),
  purchases: () => get<{ purchases: Purchase[] }>('/v1/billing/purchases'),
  subscriptions: () => get<{ subscriptions: Subscription[] }>('/v1/billing/subscriptions'),

  creatorEarnings: (range: { from?: string; to?: string } = {}) => {
    const params = new URLSearchParams(Object.entries(range).filter(([, value]) => value));
    const text = params.toString();
    return get<CreatorEarnings>(`/v1/creator/earnings${text ? `?${text}` : ''}`);
  },
  creatorPayouts: (cursor?: string | null, limit = 20) =>
    get<{ payouts: Payout[]; next_cursor: string | null }>(`/v1/creator/payouts?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  /** Where a month's CSV statement downloads from (the session cookie authenticates it). */
  statementUrl: (month: string) => `/v1/creator/statements/${encodeURIComponent(month)}`,
  payoutAccount: () => get<PayoutAccount>('/v1/creator/payouts/account'),
  startPayoutOnboarding: () => post<{ url: string; expires_at: string }>('/v1/creator/payouts/onboarding'),
};
