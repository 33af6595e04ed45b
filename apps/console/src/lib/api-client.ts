import { createLatchkeyClient } from '@latchkey/sdk';

/** How long a call may take before the console gives up and says so, instead of spinning forever. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The console is served by the API it manages (`/console/`), so the API is this page's origin. */
export const api = createLatchkeyClient({
  baseUrl: window.location.origin,
  fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
});
