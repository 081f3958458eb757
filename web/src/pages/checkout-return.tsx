import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import { Alert } from '../components/alert';
import { toApiError } from '../components/use-load';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 10_000;
// Stripe usually confirms within seconds, but retries a failed webhook for much longer.
const GIVE_UP_AFTER_MS = 5 * 60_000;

type CheckoutState = 'waiting' | 'confirmed' | 'slow';

interface CheckoutConfirmation {
  state: CheckoutState;
  /** The last failed check, while still trying. */
  error: ApiError | undefined;
  checkAgain: () => void;
}

/**
 * After Checkout sends the customer back, Stripe confirms the payment by webhook, maybe a while
 * later. Polls (with backoff) for the purchase made by Checkout Session `sessionId`.
 */
function useCheckoutConfirmation(sessionId: string): CheckoutConfirmation {
  const [state, setState] = useState<CheckoutState>('waiting');
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    let delay = FIRST_DELAY_MS;
    const started = Date.now();
    setState('waiting');
    const check = async () => {
      try {
        const { purchases } = await api.purchases();
        if (!live) return;
        setError(undefined);
        if (purchases.some((purchase) => purchase.checkout_session_id === sessionId)) return setState('confirmed');
      } catch (caught) {
        if (!live) return;
        setError(toApiError(caught));
      }
      if (Date.now() - started >= GIVE_UP_AFTER_MS) return setState('slow');
      timer = window.setTimeout(() => void check(), delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    };
    void check();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [sessionId, round]);

  return { state, error, checkAgain: () => setRound((value) => value + 1) };
}

/** What the customer sees on their way back from Checkout; `onConfirmed` runs once Stripe has confirmed. */
export function CheckoutReturn({ sessionId, onConfirmed }: { sessionId: string; onConfirmed: () => void }) {
  const { state, error, checkAgain } = useCheckoutConfirmation(sessionId);
  const confirmed = useRef(onConfirmed);
  confirmed.current = onConfirmed;
  useEffect(() => {
    if (state === 'confirmed') confirmed.current();
  }, [state]);
  if (state === 'confirmed') {
    return (
      <Alert tone="success" title="Thank you!">
        Payment confirmed: your purchase is active.
      </Alert>
    );
  }
  if (state === 'slow') {
    return (
      <Alert tone="warning" title="Stripe has not confirmed the payment yet">
        <p>Your payment may still be on its way; it shows here once Stripe confirms it.</p>
        <button type="button" className="secondary small" onClick={checkAgain}>
          Check again
        </button>
      </Alert>
    );
  }
  return (
    <div aria-busy="true" data-testid="checkout-waiting">
      <Alert tone="info" title="Waiting for payment confirmation">
        <p>Checkout is done. This page updates by itself as soon as Stripe confirms the payment.</p>
        {error && <p>The last check failed ({error.message}); trying again.</p>}
      </Alert>
    </div>
  );
}
