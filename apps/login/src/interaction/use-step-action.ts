import type { TInteractionRedirect } from '@latchkey/contracts';
import { useRef, useState } from 'react';
import { messages } from '../i18n/messages';
import { type TInteractionFailure, toFailure } from './interaction-failure';

/** A message for the step's alert region; `id` changes on every show, so a repeat is announced too. */
export interface TStepAlert {
  message: string;
  id: number;
}

/**
 * Runs one action of a step (sign in, allow, pick…): marks it busy, sends it, and on success leaves
 * for `redirectTo`, still busy since the page is unloading. A failure the step can explain
 * (`explain` returns its message) or that is worth retrying (network, rate limit, server hiccup)
 * becomes an alert; anything else (expired, wrong tenant, CSRF, another step) goes to `onFatal`.
 */
export function useStepAction(onFatal: (failure: TInteractionFailure) => void) {
  const [pending, setPending] = useState<string>();
  const [alert, setAlert] = useState<TStepAlert>();
  const shown = useRef(0);
  const running = useRef(false);

  const showAlert = (message: string) => setAlert({ message, id: ++shown.current });

  async function run(
    action: string,
    send: () => Promise<TInteractionRedirect>,
    explain?: (failure: TInteractionFailure) => string | undefined,
  ): Promise<void> {
    // A ref, not the state: a double click lands before React re-renders with `pending` set.
    if (running.current) return;
    running.current = true;
    setPending(action);
    setAlert(undefined);
    try {
      const { redirectTo } = await send();
      window.location.assign(redirectTo);
    } catch (error) {
      running.current = false;
      setPending(undefined);
      const failure = toFailure(error);
      const message = explain?.(failure) ?? retryable(failure);
      if (message) showAlert(message);
      else onFatal(failure);
    }
  }

  return { pending, alert, run, showAlert };
}

/** The message for a failure worth retrying as it is (network, rate limit, server hiccup), if it is one. */
export function retryable(failure: TInteractionFailure): string | undefined {
  const t = messages.stepErrors;
  if (failure.kind === 'network') return t.network;
  if (failure.kind === 'rate-limited') return t.rateLimited;
  if (failure.kind === 'unexpected') return t.unexpected;
  return undefined;
}
