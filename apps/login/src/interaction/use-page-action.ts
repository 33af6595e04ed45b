import { useRef, useState } from 'react';
import { type TInteractionFailure, toFailure } from './interaction-failure';
import { retryable, type TStepAlert } from './use-step-action';

/**
 * useStepAction for pages whose actions may keep the user on the page (sign up, send a new code) as
 * well as leave it (verify the code): `run` resolves with the answer, or undefined after a failure
 * (shown in the alert, or handed to `onFatal`). An action that leaves passes `leaving`, so the page
 * stays busy while the browser navigates away.
 */
export function usePageAction(onFatal: (failure: TInteractionFailure) => void) {
  const [pending, setPending] = useState<string>();
  const [alert, setAlert] = useState<TStepAlert>();
  const shown = useRef(0);
  const running = useRef(false);

  const showAlert = (message: string) => setAlert({ message, id: ++shown.current });

  async function run<T>(
    action: string,
    send: () => Promise<T>,
    options: { explain?: (failure: TInteractionFailure) => string | undefined; leaving?: boolean } = {},
  ): Promise<T | undefined> {
    // A ref, not the state: a double click lands before React re-renders with `pending` set.
    if (running.current) return undefined;
    running.current = true;
    setPending(action);
    setAlert(undefined);
    try {
      const answer = await send();
      if (!options.leaving) {
        running.current = false;
        setPending(undefined);
      }
      return answer;
    } catch (error) {
      running.current = false;
      setPending(undefined);
      const failure = toFailure(error);
      const message = options.explain?.(failure) ?? retryable(failure);
      if (message) showAlert(message);
      else onFatal(failure);
      return undefined;
    }
  }

  return { pending, alert, run, showAlert };
}
