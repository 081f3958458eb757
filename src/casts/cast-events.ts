import type { Services } from '../services.js';

/** An async cast that reached its final state. */
export interface CastFinalEvent {
  castId: string;
  tenantId: string;
  status: 'succeeded' | 'failed' | 'canceled';
  errorCode: string | null;
}

/**
 * Called after an async cast's settling (or canceling, or expiring) transaction committed. Its
 * `cast.succeeded` / `cast.failed` event, to the tenant's endpoints and to the cast's own
 * `webhook_url`, was already written in that transaction (`emitCastFinished`); this only logs.
 */
export function emitCastFinalEvent(services: Services, event: CastFinalEvent): void {
  services.logger.debug({ castId: event.castId, status: event.status, errorCode: event.errorCode }, 'async cast reached its final state');
}
