import type { TInteractionDetails } from '@latchkey/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InteractionClient } from './interaction-client';
import { type TInteractionFailure, toFailure } from './interaction-failure';

export type TInteractionState =
  | { status: 'loading' }
  | { status: 'ready'; details: TInteractionDetails }
  /** `duringStep`: a step was on screen and failed, rather than the sign-in failing to load. */
  | { status: 'failed'; failure: TInteractionFailure; duringStep: boolean };

/**
 * Loads the pending sign-in on mount and on `reload()`. `fail()` is how a step reports a failure it
 * cannot recover from: the page is replaced by an error page, except when the interaction moved on
 * to another step meanwhile (another tab, the back button), which just shows the step it waits for.
 */
export function useInteractionDetails(client: InteractionClient) {
  const [state, setState] = useState<TInteractionState>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(() => {
    const request = ++latest.current;
    setState({ status: 'loading' });
    client.details().then(
      (details) => {
        if (request === latest.current) setState({ status: 'ready', details });
      },
      (error: unknown) => {
        if (request === latest.current)
          setState({ status: 'failed', failure: toFailure(error), duringStep: false });
      },
    );
  }, [client]);

  const fail = useCallback(
    (failure: TInteractionFailure) => {
      if (failure.kind === 'step-mismatch') reload();
      else setState({ status: 'failed', failure, duringStep: true });
    },
    [reload],
  );

  useEffect(reload, [reload]);

  return { state, reload, fail };
}
