import { z } from 'zod';
import { CAST_MODES, CAST_STATUSES } from '../db/values.js';
import type { CastHistoryEntry } from './records.js';

/** A cast as its history, its detail and the async routes show it. */
export const castSchema = z
  .object({
    id: z.uuid(),
    spell: z.string().describe('`owner/name` of the spell cast'),
    version: z.number().int(),
    status: z
      .enum(CAST_STATUSES)
      .describe('`queued` (async, waiting for a worker) → `running` → `succeeded` | `failed`; a queued async cast may also end `canceled`'),
    mode: z.enum(CAST_MODES).describe('`sync` (`POST /v1/cast`) or `async` (`POST /v1/casts`)'),
    error_code: z
      .string()
      .nullable()
      .describe('Why it failed: a spell error code, `interrupted` (its process died; no cost) or `expired` (still queued after `CAST_QUEUE_TTL_MS`; no cost)'),
    duration_ms: z.number().int().nullable(),
    cost_cents: z.number().int().nullable(),
    created_at: z.string().describe('When it was accepted (an async cast: queued)'),
    started_at: z.string().nullable().describe('When it started running (an async cast: when a worker took it); `null` while queued'),
    finished_at: z.string().nullable(),
    queue_expires_at: z.string().nullable().describe('An async cast still queued at this time fails as `expired`; `null` for sync casts'),
    webhook_url: z.string().nullable().describe('The async cast’s own `webhook_url`, as given'),
  })
  .meta({ id: 'Cast' });

export function viewCast(entry: CastHistoryEntry): z.infer<typeof castSchema> {
  const { cast } = entry;
  return {
    id: cast.id,
    spell: `${entry.owner}/${entry.spellName}`,
    version: entry.version,
    status: cast.status,
    mode: cast.mode,
    error_code: cast.errorCode,
    duration_ms: cast.durationMs,
    cost_cents: cast.costCents,
    created_at: cast.createdAt.toISOString(),
    started_at: (cast.startedAt ?? (cast.mode === 'sync' ? cast.createdAt : null))?.toISOString() ?? null,
    finished_at: cast.finishedAt?.toISOString() ?? null,
    queue_expires_at: cast.mode === 'async' ? (cast.queueExpiresAt?.toISOString() ?? null) : null,
    webhook_url: cast.webhookUrl,
  };
}
