import { z } from 'zod';
import { BUDGET_PERIODS } from '../db/values.js';
import { errorStatus, MODULE_CHECKS, UNAVAILABLE_REASONS, type ErrorCode } from '../errors.js';

/** The error body, as documented in OpenAPI for every non-2xx response. */
export const errorSchema = z
  .object({
    error: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    reason: z.enum(UNAVAILABLE_REASONS).optional().describe('On `503 service_unavailable`: which dependency failed.'),
    check: z.enum(MODULE_CHECKS).optional().describe('On a refused upload (`400 validation_failed`): which check refused the module.'),
  })
  .loose()
  .meta({ id: 'Error' });

const cents = z.number().int();

/** `402 budget_exceeded`: the cast would take the period's spending past the hard limit; nothing ran or was held. */
export const budgetExceededSchema = z
  .object({
    error: z.literal('budget_exceeded'),
    message: z.string(),
    period: z.enum(BUDGET_PERIODS),
    limit_cents: cents.describe('The hard limit'),
    would_be_cents: cents.describe('used + reserved + this cast’s price'),
    used_cents: cents.describe('Spent in the period so far'),
    reserved_cents: cents.describe('Held by casts still running'),
    price_cents: cents,
    period_end: z.string().describe('When the period resets (ISO 8601)'),
  })
  .loose()
  .meta({ id: 'BudgetExceededError' });

/** `402 insufficient_credits`: a paid cast without a plan, whose prepaid credit does not cover the price. */
export const insufficientCreditsSchema = z
  .object({
    error: z.literal('insufficient_credits'),
    message: z.string(),
    balance_cents: cents.describe('The prepaid credit left'),
    price_cents: cents,
  })
  .loose()
  .meta({ id: 'InsufficientCreditsError' });

/** `402 price_above_max`: the spell costs more than the cast's `max_price_cents`; nothing was held or ran. */
export const priceAboveMaxSchema = z
  .object({
    error: z.literal('price_above_max'),
    message: z.string(),
    spell: z.string(),
    price_cents: cents,
    max_price_cents: cents,
  })
  .loose()
  .meta({ id: 'PriceAboveMaxError' });

/** Every 402 the API answers, told apart by `error`. */
export const paymentRequiredSchema = z
  .discriminatedUnion('error', [budgetExceededSchema, insufficientCreditsSchema, priceAboveMaxSchema])
  .meta({ id: 'PaymentRequiredError' });

/** `410 spell_retired`: the spell was deleted (pinned casts ran until `pinned_until`) or unpublished. */
export const spellRetiredSchema = z
  .object({
    error: z.literal('spell_retired'),
    message: z.string(),
    spell: z.string().describe('`owner/name`'),
    retired_at: z.string().nullable().describe('When it was deleted or unpublished (ISO 8601)'),
    pinned_until: z.string().nullable().optional().describe('For a deleted spell: until when casts pinned to a version ran'),
  })
  .loose()
  .meta({ id: 'SpellRetiredError' });

const typedErrors: Partial<Record<number, typeof paymentRequiredSchema | typeof spellRetiredSchema>> = {
  402: paymentRequiredSchema,
  410: spellRetiredSchema,
};

/** Response schemas for the errors a route can answer with, keyed by status (402 and 410 carry their typed details). */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema | typeof paymentRequiredSchema | typeof spellRetiredSchema> {
  return Object.fromEntries(statuses.map((status) => [status, typedErrors[status] ?? errorSchema]));
}

export const isoDate = z.iso.datetime();
