import { useCallback, useState } from 'react';
import type { ApiError } from '../api/http';
import { toApiError } from './use-load';

export interface Action {
  /** True while `run`'s work is in flight (forms disable their button). */
  busy: boolean;
  /** The last run's failure, as the API answered it; cleared when a new run starts. */
  error: ApiError | undefined;
  setError: (error: ApiError | undefined) => void;
  /** Runs `work`, keeping `busy` and `error` up to date; never throws. */
  run: (work: () => Promise<void>) => Promise<void>;
}

/** The state a form's submit (or a button's click) keeps around one call to the API. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
