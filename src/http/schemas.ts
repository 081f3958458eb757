import { z } from 'zod';
import { errorStatus, UNAVAILABLE_REASONS, type ErrorCode } from '../errors.js';

/** The error body, as documented in OpenAPI for every non-2xx response. */
export const errorSchema = z
  .object({
    error: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    reason: z.enum(UNAVAILABLE_REASONS).optional().describe('On `503 service_unavailable`: which dependency failed.'),
  })
  .loose()
  .meta({ id: 'Error' });

/** Response schemas for the errors a route can answer with, keyed by status. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorSchema]));
}

export const isoDate = z.iso.datetime();
