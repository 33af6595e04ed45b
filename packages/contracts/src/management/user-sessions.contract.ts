import { z } from 'zod';
import { ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/** An application the user signed in to during an SSO session. */
export const ZSessionApplication = z.object({
  clientId: z.string(),
  /** `null` when the application has been deleted since. */
  name: z.string().nullable(),
});
export type TSessionApplication = z.infer<typeof ZSessionApplication>;

/** One SSO session of a user: one browser signed in to the tenant's hosted login. */
export const ZUserSession = z.object({
  /** Opaque and stable for the session's lifetime. */
  id: z.string(),
  signedInAt: ZTimestamp,
  /** When the session ends unless the user is active again before (idle timeout), capped by the absolute timeout. */
  expiresAt: ZTimestamp,
  /** The last request that used the session. */
  lastActiveAt: ZTimestamp,
  applications: z.array(ZSessionApplication),
});
export type TUserSession = z.infer<typeof ZUserSession>;

/** Most recently active first; not paginated (a user has a session per browser). */
export const ZUserSessionList = z.object({ data: z.array(ZUserSession) });
export type TUserSessionList = z.infer<typeof ZUserSessionList>;

const BASE = '/api/v1/tenants/{tenant}/users/{userId}/sessions' as const;

export const userSessionRoutes = {
  listUserSessions: defineRoute({
    id: 'listUserSessions',
    method: 'GET',
    path: BASE,
    summary: "List the user's live SSO sessions and the applications signed in through each",
    tag: 'Users',
    scope: 'tenant',
    success: { status: 200, body: ZUserSessionList },
  }),
  revokeUserSessions: defineRoute({
    id: 'revokeUserSessions',
    method: 'DELETE',
    path: BASE,
    summary:
      "Sign the user out everywhere: end all their SSO sessions, revoke the applications' grants " +
      '(refresh and access tokens) and send back-channel logout to the applications that registered for it',
    tag: 'Users',
    scope: 'tenant',
    success: { status: 204 },
  }),
  revokeUserSession: defineRoute({
    id: 'revokeUserSession',
    method: 'DELETE',
    path: `${BASE}/{sessionId}`,
    summary:
      "End one SSO session: revoke its applications' grants (refresh and access tokens) and send " +
      'back-channel logout to the applications that registered for it',
    tag: 'Users',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
