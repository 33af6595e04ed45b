import { useEffect, useRef } from 'react';
import type { InteractionClient } from '../../interaction/interaction-client';

/** How often a waiting sign-up asks whether its link was opened; the details call is cheap. */
const POLL_MS = 3_000;

/**
 * While a sign-up waits for its mail: asks the API every few seconds, and whenever the tab comes
 * back into view, whether the mailed link verified the address (in another tab or on another
 * device), and calls `onVerified` once it did. A hidden tab does not poll; it asks on its return.
 */
export function useLinkVerified(client: InteractionClient, active: boolean, onVerified: () => void) {
  const callback = useRef(onVerified);
  callback.current = onVerified;
  useEffect(() => {
    if (!active) return;
    let done = false;
    const check = async () => {
      if (done || document.visibilityState !== 'visible') return;
      const fresh = await client.details().catch(() => undefined);
      if (!done && fresh?.verification?.verified) {
        done = true;
        callback.current();
      }
    };
    const onVisible = () => void check();
    const timer = window.setInterval(onVisible, POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      done = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [client, active]);
}
