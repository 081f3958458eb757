import { z } from 'zod';
import type { CastResultRow } from './cast-results.js';

/** The input, output and error message of a cast, as its detail (`GET /v1/casts/{id}`) shows them. */
export const castResultFields = {
  input: z
    .unknown()
    .describe('The input as the spell got it (no input: `null`), while kept; `null` when not kept (see `input_kept`)'),
  input_bytes: z
    .number()
    .int()
    .nullable()
    .describe('Size of the input as JSON text in UTF-8 bytes, also when the input itself was over `CAST_RESULT_MAX_BYTES`; `null` once the result is gone'),
  input_kept: z.boolean().describe('True when `input` holds the input; false when it was over the cap, has expired, or was never kept'),
  output: z
    .unknown()
    .describe('What the spell returned (JSON when it parsed, else the text), while kept; `null` when not kept (see `output_kept`) or the cast failed'),
  output_bytes: z
    .number()
    .int()
    .nullable()
    .describe('Size of the output as JSON text in UTF-8 bytes, also when over the cap; `null` when the cast failed or the result is gone'),
  output_kept: z.boolean().describe('True when `output` holds the output (a spell may well return `null`)'),
  error_message: z
    .string()
    .nullable()
    .describe('A failed cast: the message its `422` gave (cut at 4 KiB), while the result is kept; `null` otherwise'),
  result_expires_at: z
    .string()
    .nullable()
    .describe(
      'When the kept input, output and error message are deleted (`CAST_OUTPUT_RETENTION_DAYS` after the cast); `null` when none is kept: expired, still running, or cast before results were kept',
    ),
};

type CastResultView = { [K in keyof typeof castResultFields]: z.infer<(typeof castResultFields)[K]> };

const NOT_KEPT: CastResultView = {
  input: null,
  input_bytes: null,
  input_kept: false,
  output: null,
  output_bytes: null,
  output_kept: false,
  error_message: null,
  result_expires_at: null,
};

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function viewCastResult(row: CastResultRow | undefined, retentionMs: number): CastResultView {
  if (!row) return NOT_KEPT;
  return {
    input: parsed(row.input),
    input_bytes: row.inputBytes,
    input_kept: row.input !== null,
    output: parsed(row.output),
    output_bytes: row.outputBytes,
    output_kept: row.output !== null,
    error_message: row.errorMessage,
    result_expires_at: new Date(row.createdAt.getTime() + retentionMs).toISOString(),
  };
}
