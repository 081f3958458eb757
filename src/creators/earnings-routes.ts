import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { readDailyEarnings, readEarningsSummary, readSpellEarnings } from './earnings.js';

const DAY_MS = 86_400_000;
/** The longest `by_day` range one request may ask for. */
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a day, YYYY-MM-DD' }).refine((text) => {
  // Date.parse takes 2026-02-31 as March 3: a real day reads back as itself.
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}, { error: 'is not a day' });
const cents = z.number().int();

const earningsSchema = z
  .object({
    earned_cents: cents.describe('Your share of every charged cast of your spells by someone else, all time, net of refunds and lost disputes'),
    paid_out_cents: cents.describe('Payouts Stripe paid'),
    balance_cents: cents.describe('Pending plus payable: earned and not yet paid out (negative after a refund of earnings already paid)'),
    pending_cents: cents.describe('Earnings awaiting the consumer’s invoice or inside the hold period (`PAYOUT_HOLD_DAYS`), and book entries while billing is off'),
    payable_cents: cents.describe('Earnings past their hold: the next payout pays these (once over `PAYOUT_MINIMUM_CENTS`)'),
    in_transit_cents: cents.describe('Payouts made whose Transfer has not been confirmed yet'),
    share_percent: z.number().int().describe('Your share of a cast’s price for casts settled from now on: an operator’s override for you, or `CREATOR_SHARE_PERCENT`'),
    currency: z.string(),
    unbilled_cents: cents.describe('Earnings of casts made while billing was off: book entries, never paid out'),
    unbilled: z.string().nullable().describe('Set while billing is off: why nothing is paid out'),
    spells: z.array(z.object({ spell: z.string().describe('`owner/name`'), casts: z.number().int(), earned_cents: cents })),
    from: z.string().describe('`by_day`’s first day (UTC)'),
    to: z.string().describe('`by_day`’s last day (UTC), inclusive'),
    by_day: z.array(z.object({ day: z.string(), casts: z.number().int(), earned_cents: cents })).describe('Every day of the range, oldest first, days without casts included'),
  })
  .meta({ id: 'CreatorEarnings' });

/** `from`/`to` (days, `to` inclusive) as a range of instants, `to` exclusive; the last 30 days by default. */
function dayRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: Date; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const end = (query.to ? Date.parse(`${query.to}T00:00:00Z`) : today) + DAY_MS;
  const start = query.from ? Date.parse(`${query.from}T00:00:00Z`) : end - DEFAULT_RANGE_DAYS * DAY_MS;
  if (start >= end) throw new AppError('validation_failed', '`from` must be on or before `to`.', { issues: [{ in: 'querystring', path: '/from', message: 'after to' }] });
  if (end - start > MAX_RANGE_DAYS * DAY_MS) {
    throw new AppError('validation_failed', `by_day covers at most ${MAX_RANGE_DAYS} days.`, { issues: [{ in: 'querystring', path: '/from', message: `more than ${MAX_RANGE_DAYS} days before to` }] });
  }
  return { from: new Date(start), to: new Date(end) };
}

/** `GET /v1/creator/earnings`: what the caller's tenant earned as a creator, from the books. */
export const creatorEarningsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/creator/earnings',
    {
      schema: {
        operationId: 'getCreatorEarnings',
        tags: ['creator'],
        summary: 'Your earnings as a creator: totals, balances, per spell and per day',
        description:
          'Read from each paid cast’s split and your ledger balances: your share of what others paid for casts of your spells, ' +
          'net of refunds and lost disputes. Your own casts earn nothing. `by_day` covers `from`–`to` (UTC days, default the ' +
          `last ${DEFAULT_RANGE_DAYS}, at most ${MAX_RANGE_DAYS}).`,
        querystring: z.object({ from: day.optional(), to: day.optional() }),
        response: { 200: earningsSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const tenantId = auth.tenant.id;
      const range = dayRange(request.query, services.clock.now());
      const { money } = services.config;
      const [summary, spells, byDay] = await Promise.all([
        readEarningsSummary(services.db, tenantId, money.creatorSharePercent),
        readSpellEarnings(services.db, tenantId),
        readDailyEarnings(services.db, tenantId, range),
      ]);
      return {
        earned_cents: summary.earnedCents,
        paid_out_cents: summary.paidOutCents,
        balance_cents: summary.pendingCents + summary.payableCents,
        pending_cents: summary.pendingCents,
        payable_cents: summary.payableCents,
        in_transit_cents: summary.inTransitCents,
        share_percent: summary.sharePercent,
        currency: money.currency,
        unbilled_cents: summary.unbilledCents,
        unbilled: services.stripe ? null : 'Billing is off on this server: earnings are book entries, shown but never paid out.',
        spells: spells.map((spell) => ({ spell: spell.spell, casts: spell.casts, earned_cents: spell.earnedCents })),
        from: range.from.toISOString().slice(0, 10),
        to: new Date(range.to.getTime() - DAY_MS).toISOString().slice(0, 10),
        by_day: byDay.map((entry) => ({ day: entry.day, casts: entry.casts, earned_cents: entry.earnedCents })),
      };
    },
  );
};
