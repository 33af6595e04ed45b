import type { TReadinessResponse } from '@latchkey/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, REQUEST_TIMEOUT_MS } from '../../lib/api-client';
import { describeError } from '../../lib/describe-error';

export interface TReadinessState {
  /** The last successful answer; kept while refreshing and after a failed refresh. */
  result?: { readiness: TReadinessResponse; checkedAt: Date };
  /** Why the latest attempt failed; cleared by the next success. */
  error?: string;
  loading: boolean;
}

/** Loads /readyz on mount and on `refresh()`; only the newest request may update the state. */
export function useReadiness(): TReadinessState & { refresh: () => void } {
  const [state, setState] = useState<TReadinessState>({ loading: true });
  const latestRequest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    setState((previous) => ({ ...previous, loading: true }));
    api.readiness().then(
      (readiness) => {
        if (request !== latestRequest.current) return;
        setState({ result: { readiness, checkedAt: new Date() }, loading: false });
      },
      (error: unknown) => {
        if (request !== latestRequest.current) return;
        setState((previous) => ({
          result: previous.result,
          error: describeError(error, REQUEST_TIMEOUT_MS),
          loading: false,
        }));
      },
    );
  }, []);

  useEffect(refresh, [refresh]);

  return { ...state, refresh };
}
