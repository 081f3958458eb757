import { z } from 'zod';

/** What a cast asks for: the same body for `POST /v1/cast` and `POST /v1/casts`. */
export const castBodySchema = z.object({
  spell: z
    .string()
    .min(1)
    .max(120)
    .describe('`owner/name`, `owner/name@version` (pinned), or a bare `name[@version]` for your own spell'),
  input: z.unknown().optional(),
  max_price_cents: z
    .int()
    .min(0)
    .max(100_000_000)
    .optional()
    .describe('The most you accept to pay for this cast: a spell whose price is above it is refused (`402 price_above_max`) before anything runs or is charged'),
});
