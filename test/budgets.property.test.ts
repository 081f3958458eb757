import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casts } from '../src/db/schema.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp, type SignedUp } from './helpers/users.js';

let t: TestApp;
let creator: SignedUp;
const echo = exampleSpell('echo');
beforeAll(async () => {
  // Thirty casts queue behind two workers; on a loaded machine the last of them must not time out,
  // since this property is about money, not about the time limit.
  t = await buildTestApp({ env: { SPELL_WORKERS: '2', SPELL_DEFAULT_TIMEOUT_MS: '30000' } });
  creator = await signUp(t.app);
});
afterAll(() => t.close());

let run = 0;

describe('budgets.property', () => {
  it('never lets used + reserved pass the hard limit, and charges exactly what succeeded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        async (price, hardLimit, concurrency) => {
          run += 1;
          const spell = `priced-${run}`;
          await publish(t.app, creator, spell, echo, { visibility: 'public', price_cents: price });
          const consumer = await signUp(t.app);
          await t.app.inject({
            method: 'POST',
            url: '/v1/budgets',
            headers: consumer.headers,
            payload: { period: 'monthly', soft_limit_cents: 0, hard_limit_cents: hardLimit },
          });
          const responses = await Promise.all(
            Array.from({ length: concurrency }, () =>
              t.app.inject({ method: 'POST', url: '/v1/cast', headers: consumer.headers, payload: { spell: `${creator.handle}/${spell}`, input: 1 } }),
            ),
          );
          const succeeded = responses.filter((response) => response.statusCode === 200).length;
          const refused = responses.filter((response) => response.statusCode === 402).length;
          expect(succeeded + refused, JSON.stringify(responses.filter((response) => ![200, 402].includes(response.statusCode)).map((response) => response.json()))).toBe(concurrency);
          const expected = price === 0 ? concurrency : Math.min(concurrency, Math.floor(hardLimit / price));
          expect(succeeded).toBe(expected);

          const usage = (await t.app.inject({ url: '/v1/budgets/usage', headers: consumer.headers })).json<{
            used_cents: number;
            reserved_cents: number;
          }>();
          expect(usage.reserved_cents).toBe(0);
          expect(usage.used_cents).toBe(succeeded * price);
          expect(usage.used_cents).toBeLessThanOrEqual(price === 0 ? 0 : hardLimit);
          const rows = await t.services.db.select().from(casts).where(eq(casts.userId, consumer.user.id));
          expect(rows.reduce((sum, row) => sum + (row.costCents ?? 0), 0)).toBe(usage.used_cents);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
