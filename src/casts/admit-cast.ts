import type { AuthContext } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { castPrice, castTimeoutMs, checkInput, checkMaxPrice, resolveCastTarget, type CastPrice, type CastTarget } from './cast-spell.js';
import { startCast, type QueuedCast } from './lifecycle.js';

/** What a cast asks for, sync or async alike. */
export interface CastRequest {
  spell: string;
  input?: unknown;
  max_price_cents?: number | undefined;
}

/** A cast admitted: its row written (`running`, or `queued` for a worker) with its hold and credit charge. */
export interface AdmittedCast {
  castId: string;
  target: CastTarget;
  pricing: CastPrice;
}

/**
 * Every check a cast passes before it may run, in the order the product promises, the same for
 * `POST /v1/cast` and `POST /v1/casts`: tenant status, the spell and whether the caller may cast
 * it, the input schema, `max_price_cents`, then the hard budget hold and the credit charge, taken
 * together with the cast row. `timeoutMs` is how long the cast may run once it does.
 */
export async function admitCast(
  services: Services,
  auth: AuthContext,
  body: CastRequest,
  options: { queued?: (target: CastTarget) => Omit<QueuedCast, 'input'> } = {},
): Promise<AdmittedCast> {
  if (auth.tenant.status === 'suspended') {
    throw new AppError('account_suspended', 'This account is suspended; casting is paused until it is reactivated.');
  }
  const target = await resolveCastTarget(services, auth, body.spell);
  checkInput(target, body.input);
  const pricing = castPrice(services, target.spell, auth.tenant.id);
  checkMaxPrice(target, pricing, body.max_price_cents);
  const price = pricing.priceCents;

  const now = services.clock.now();
  const queued = options.queued?.(target);
  const timeoutMs = queued?.timeoutMs ?? castTimeoutMs(services, target.spell);
  const started = await startCast(services.db, {
    tenantId: auth.tenant.id,
    userId: auth.user.id,
    spellId: target.spell.id,
    spellVersionId: target.version.id,
    priceCents: price,
    creatorPriced: pricing.creatorPriced,
    now,
    // A queued cast's `expires_at` is set when a worker claims it (its wait has its own expiry).
    expiresAt: new Date(now.getTime() + timeoutMs + services.config.castExpiryGraceMs),
    billing: services.stripe !== undefined,
    ...(queued && { queued: { ...queued, input: JSON.stringify(body.input ?? null) } }),
  });
  if (!started.ok && started.reason === 'credits') {
    services.metrics.creditBlocked.inc();
    throw new AppError('insufficient_credits', 'This paid cast needs more prepaid credit than the account has; buy a credit pack or subscribe to the plan.', {
      balance_cents: started.balanceCents,
      price_cents: price,
    });
  }
  if (!started.ok) {
    services.metrics.budgetBlocked.inc();
    throw new AppError('budget_exceeded', `This cast would take your ${started.period} spending past its hard limit.`, {
      period: started.period,
      limit_cents: started.limitCents,
      would_be_cents: started.wouldBeCents,
      used_cents: started.usedCents,
      reserved_cents: started.reservedCents,
      price_cents: price,
      period_end: started.periodEnd.toISOString(),
    });
  }
  return { castId: started.castId, target, pricing };
}
