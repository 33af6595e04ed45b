import type { IncomingMessage } from 'node:http';

/**
 * What the interaction API reads of a request, whichever way it came in: Express's request on the
 * custom-domain path, the bare Node request on the fast path (oidc-fast-path.ts), which sets the
 * same two fields — the parsed JSON body and the client address under the `trust proxy` setting.
 */
export interface InteractionRequest extends IncomingMessage {
  body?: unknown;
  ip?: string | undefined;
}
