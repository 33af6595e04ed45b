import type { TUserSession } from '@latchkey/contracts';
import type { AdapterPayload } from 'oidc-provider';
import type { StoredSession } from '../storage/oidc-store.js';

/** The applications signed in through a stored session (oidc-provider's `authorizations`). */
export const clientIdsOf = (payload: AdapterPayload): string[] => Object.keys(payload.authorizations ?? {});

/**
 * The API's view of a session. Its id is the session's uid: oidc-provider renames the session
 * record on every sign-in while the uid stays, and the record id is what the session cookie holds,
 * so it never leaves the server.
 */
export function toUserSession(
  stored: StoredSession,
  names: ReadonlyMap<string, string | null>,
): TUserSession {
  const { payload, savedAt } = stored;
  return {
    id: payload.uid ?? '',
    signedInAt: isoOf(payload.loginTs ?? payload.iat),
    expiresAt: isoOf(payload.exp),
    lastActiveAt: new Date(savedAt).toISOString(),
    applications: clientIdsOf(payload).map((clientId) => ({ clientId, name: names.get(clientId) ?? null })),
  };
}

const isoOf = (epochSeconds = 0) => new Date(epochSeconds * 1000).toISOString();
