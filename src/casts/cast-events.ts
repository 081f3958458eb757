import type { Services } from '../services.js';

/** An async cast that reached its final state, as the webhooks outbox will describe it. */
export interface CastFinalEvent {
  castId: string;
  tenantId: string;
  status: 'succeeded' | 'failed' | 'canceled';
  errorCode: string | null;
}

/**
 * The one place an async cast's final state is announced: called after the settling (or
 * canceling, or expiring) transaction committed. `cast.succeeded` / `cast.failed` events to the
 * tenant's endpoints and to the cast's own `webhook_url` are emitted from here once the webhooks
 * outbox exists (issue 16, webhooks part); until then it only logs.
 */
export function emitCastFinalEvent(services: Services, event: CastFinalEvent): void {
  services.logger.debug({ castId: event.castId, status: event.status, errorCode: event.errorCode }, 'async cast reached its final state');
}
