import { z } from 'zod';
import { SPELL_LOG_LEVELS, SPELL_LOG_STREAMS } from '../spells/runtime/index.js';
import type { CastLogs } from './cast-logs.js';

/** One line a spell wrote, as the API shows it. */
export const castLogLineSchema = z
  .object({
    stream: z.enum(SPELL_LOG_STREAMS).describe('`log` (Extism `log_*`), `stdout` or `stderr` (WASI)'),
    level: z.enum(SPELL_LOG_LEVELS).describe('The `log_*` function’s level; stdout lines are `info`, stderr lines `warn`'),
    message: z.string(),
  })
  .meta({ id: 'CastLogLine' });

/** `logs` and `logs_truncated`, as a cast's responses carry them. */
export const castLogFields = {
  logs: z.array(castLogLineSchema).describe('What the spell wrote during the cast, in order, capped per cast (`SPELL_LOG_MAX_BYTES`)'),
  logs_truncated: z.boolean().describe('True when lines were dropped or cut at the cap'),
};

export function viewCastLogs(logs: CastLogs): { logs: CastLogs['lines']; logs_truncated: boolean } {
  return { logs: logs.lines, logs_truncated: logs.truncated };
}
