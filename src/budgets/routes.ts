import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../auth/access.js';
import { BUDGET_PERIODS, type BudgetPeriod } from '../db/values.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { readUsageSeries } from './usage-series.js';
import { deleteBudget, findBudget, readUsage, saveBudget, type BudgetRow, type BudgetSettings } from './budgets.js';
import { isValidTimeZone } from './periods.js';

const cents = z.number().int().min(0).max(1_000_000_000);
const timeZone = z.string().max(64).refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' });
const budgetFields = {
  period: z.enum(BUDGET_PERIODS),
  soft_limit_cents: cents,
  hard_limit_cents: cents,
  time_zone: timeZone,
};

const budgetSchema = z
  .object({
    period: z.enum(BUDGET_PERIODS),
    soft_limit_cents: z.number().int(),
    hard_limit_cents: z.number().int(),
    time_zone: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Budget' });

/** Every budget answer has this one shape; `GET` answers `{budget: null}` when there is none. */
const budgetAnswer = z.object({ budget: budgetSchema });

function viewBudget(row: BudgetRow): z.infer<typeof budgetSchema> {
  return {
    period: row.period,
    soft_limit_cents: row.softLimitCents,
    hard_limit_cents: row.hardLimitCents,
    time_zone: row.timeZone,
    updated_at: row.updatedAt.toISOString(),
  };
}

function checkLimits(settings: BudgetSettings): void {
  if (settings.softLimitCents > settings.hardLimitCents) {
    throw new AppError('validation_failed', 'soft_limit_cents must not exceed hard_limit_cents.', {
      issues: [{ in: 'body', path: '/soft_limit_cents', message: 'must be less than or equal to hard_limit_cents' }],
    });
  }
}

/** The budget period a usage answer is about. */
const periodSchema = z.object({
  period: z.enum(BUDGET_PERIODS),
  time_zone: z.string(),
  period_start: z.string(),
  period_end: z.string(),
});

function viewPeriod(window: { period: BudgetPeriod; timeZone: string; periodStart: Date; periodEnd: Date }) {
  return {
    period: window.period,
    time_zone: window.timeZone,
    period_start: window.periodStart.toISOString(),
    period_end: window.periodEnd.toISOString(),
  };
}

export const budgetRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['budgets'];

  app.get(
    '/v1/budgets',
    {
      schema: {
        operationId: 'getBudget',
        tags,
        summary: "The tenant's budget (null when none is set)",
        response: { 200: z.object({ budget: budgetSchema.nullable() }), ...errorResponses(401, 429) },
      },
    },
    async (request) => {
      const budget = await findBudget(services.db, authOf(request.auth).tenant.id);
      return { budget: budget ? viewBudget(budget) : null };
    },
  );

  app.post(
    '/v1/budgets',
    {
      schema: {
        operationId: 'setBudget',
        tags,
        summary: 'Create or replace the budget',
        body: z.object({ ...budgetFields, time_zone: timeZone.default('UTC') }),
        response: { 200: budgetAnswer, 201: budgetAnswer, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request.auth);
      const settings: BudgetSettings = {
        period: request.body.period,
        softLimitCents: request.body.soft_limit_cents,
        hardLimitCents: request.body.hard_limit_cents,
        timeZone: request.body.time_zone,
      };
      checkLimits(settings);
      const existed = (await findBudget(services.db, auth.tenant.id)) !== undefined;
      const saved = await saveBudget(services.db, { tenantId: auth.tenant.id, settings, now: services.clock.now() });
      return reply.status(existed ? 200 : 201).send({ budget: viewBudget(saved) });
    },
  );

  app.put(
    '/v1/budgets',
    {
      schema: {
        operationId: 'updateBudget',
        tags,
        summary: 'Change some fields of the budget',
        body: z.object(budgetFields).partial().strict(),
        response: { 200: budgetAnswer, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const auth = authOf(request.auth);
      const current = await findBudget(services.db, auth.tenant.id);
      if (!current) throw new AppError('not_found', 'There is no budget yet; create one with POST /v1/budgets.');
      const settings: BudgetSettings = {
        period: request.body.period ?? current.period,
        softLimitCents: request.body.soft_limit_cents ?? current.softLimitCents,
        hardLimitCents: request.body.hard_limit_cents ?? current.hardLimitCents,
        timeZone: request.body.time_zone ?? current.timeZone,
      };
      checkLimits(settings);
      const saved = await saveBudget(services.db, { tenantId: auth.tenant.id, settings, now: services.clock.now() });
      return { budget: viewBudget(saved) };
    },
  );

  app.delete(
    '/v1/budgets',
    { schema: { operationId: 'deleteBudget', tags, summary: 'Remove the budget (casting is no longer limited)', response: { 204: z.null(), ...errorResponses(401, 403, 404, 429) } } },
    async (request, reply) => {
      if (!(await deleteBudget(services.db, authOf(request.auth).tenant.id))) throw new AppError('not_found', 'There is no budget.');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/budgets/usage',
    {
      schema: {
        operationId: 'getBudgetUsage',
        tags,
        summary: 'Spending in the current period: used, reserved, limits, period bounds and casts',
        response: {
          200: periodSchema.extend({
            used_cents: z.number().int(),
            reserved_cents: z.number().int(),
            casts: z.number().int(),
            soft_limit_cents: z.number().int().nullable(),
            hard_limit_cents: z.number().int().nullable(),
            soft_limit_exceeded: z.boolean(),
          }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const usage = await readUsage(services.db, authOf(request.auth).tenant.id, services.clock.now());
      return {
        ...viewPeriod(usage),
        used_cents: usage.usedCents,
        reserved_cents: usage.reservedCents,
        casts: usage.casts,
        soft_limit_cents: usage.softLimitCents,
        hard_limit_cents: usage.hardLimitCents,
        soft_limit_exceeded: usage.softLimitCents !== null && usage.usedCents > usage.softLimitCents,
      };
    },
  );

  app.get(
    '/v1/budgets/usage/series',
    {
      schema: {
        operationId: 'getBudgetUsageSeries',
        tags,
        summary: "The current period's spending over time, all the tenant's casts, in hourly (daily budget) or daily (monthly) buckets",
        response: {
          200: periodSchema.extend({
            bucket: z.enum(['hour', 'day']),
            points: z.array(
              z.object({ start: z.string(), last_cast_at: z.string(), cents: z.number().int(), casts: z.number().int() }),
            ),
          }),
          ...errorResponses(401, 429),
        },
      },
    },
    async (request) => {
      const series = await readUsageSeries(services.db, authOf(request.auth).tenant.id, services.clock.now());
      return {
        ...viewPeriod(series),
        bucket: series.bucket,
        points: series.buckets.map((bucket) => ({
          start: bucket.start.toISOString(),
          last_cast_at: bucket.lastAt.toISOString(),
          cents: bucket.cents,
          casts: bucket.casts,
        })),
      };
    },
  );
};
