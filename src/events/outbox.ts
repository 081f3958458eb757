import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { WebhookEventType } from '../db/values.js';

/**
 * The one outbox of events a tenant's own systems hear about. `emitEvent` writes the event and
 * one delivery per enabled endpoint that subscribed to its type in the caller's transaction, so an
 * event exists if and only if the change it describes committed; the dispatcher sends them later.
 */

/** A new event id: `evt_` and 24 random hex digits (96 bits), the receiver's key for dedupe. */
export function newEventId(): string {
  return `evt_${randomBytes(12).toString('hex')}`;
}

export interface NewEvent {
  tenantId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  now: Date;
  /** An event that may happen once (per tenant) carries a key; a second emit with it writes nothing. */
  dedupeKey?: string;
  /** Store the event even when no endpoint wants it (notices the tenant must be able to read in the API). */
  keep?: boolean;
  /** Deliver to this endpoint only, whatever it subscribed to (a test event). */
  endpointId?: string;
  /** An async cast's own `webhook_url`: one more delivery, to it, signed with the tenant's secret. */
  castTarget?: { castId: string; url: string };
}

const rowsOf = (result: unknown): { id: string }[] =>
  (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as { id: string }[];

/**
 * Writes the event and its deliveries in one statement (it sits on the settle path of every cast):
 * a tenant without a matching endpoint (and no cast `webhook_url`) costs one indexed read and writes nothing. Returns the
 * event's id, or null when nothing was written (no endpoint wants it, or its dedupe key was used).
 */
export async function emitEvent(tx: DbOrTx, event: NewEvent): Promise<string | null> {
  const id = newEventId();
  const target = event.endpointId
    ? sql`tenant_id = ${event.tenantId} and id = ${event.endpointId}`
    : sql`tenant_id = ${event.tenantId} and enabled and ${event.type} = any(events)`;
  const now = event.now.toISOString();
  const cast = event.castTarget;
  const result = await tx.execute(sql`
    with wanted as (select id from webhook_endpoints where ${target}),
    event as (
      insert into webhook_events (id, tenant_id, type, data, dedupe_key, created_at)
      select ${id}, ${event.tenantId}, ${event.type}, ${JSON.stringify(event.data)}::jsonb, ${event.dedupeKey ?? null}, ${now}
      where ${event.keep === true || cast !== undefined} or exists (select 1 from wanted)
      on conflict do nothing
      returning id
    ),
    queued as (
      insert into webhook_deliveries (event_id, endpoint_id, next_attempt_at, created_at)
      select event.id, wanted.id, ${now}, ${now} from event cross join wanted
      returning 1
    ),
    to_cast as (
      insert into webhook_deliveries (event_id, target_url, cast_id, next_attempt_at, created_at)
      select event.id, ${cast?.url ?? null}, ${cast?.castId ?? null}::uuid, ${now}, ${now} from event where ${cast !== undefined}
      returning 1
    )
    select id from event`);
  return rowsOf(result)[0]?.id ?? null;
}

/** The body every delivery of an event carries (and its signature covers). */
export function eventBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, created: Math.floor(event.createdAt.getTime() / 1000), data: event.data });
}
