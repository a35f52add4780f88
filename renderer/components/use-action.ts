import { useCallback, useRef, useState } from 'react';
import type { AppError, Result } from '../../shared/result';
import { isRetryable } from '../i18n/error-text';
import { safeCall } from './call';

export type Failure = { error: AppError; retry: (() => void) | null };

export type Action = {
  /** True while a call is in flight: the screen's buttons are disabled meanwhile. */
  busy: boolean;
  failure: Failure | null;
  setFailure(failure: Failure | null): void;
  /**
   * Runs one call at a time (a double tap does not send twice). Any result, or a thrown
   * error, ends the busy state. `retry` is offered with errors worth retrying.
   */
  run<T>(call: () => Promise<Result<T>>, retry?: () => void): Promise<Result<T> | null>;
};

/** `onWrongState` runs after a `wrong_state` result (see `useResync`). */
export function useAction(onWrongState?: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(async <T>(call: () => Promise<Result<T>>, retry?: () => void): Promise<Result<T> | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    try {
      const result = await safeCall(call);
      if (!result.ok) setFailure({ error: result.error, retry: retry && isRetryable(result.error) ? retry : null });
      if (!result.ok && result.error.code === 'wrong_state') onWrongState?.();
      return result;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, [onWrongState]);

  return { busy, failure, setFailure, run };
}
