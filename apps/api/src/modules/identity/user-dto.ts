import type { TUser } from '@latchkey/contracts';
import type { UserRow } from './users.repository.js';

/** The API's view of a user: no tenant id, no normalized copies, no deletion bookkeeping. */
export function toUser(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerified,
    username: row.username,
    phone: row.phone,
    givenName: row.givenName,
    familyName: row.familyName,
    displayName: row.displayName,
    picture: row.picture,
    locale: row.locale,
    zoneinfo: row.zoneinfo,
    publicMetadata: asObject(row.publicMetadata),
    privateMetadata: asObject(row.privateMetadata),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

/** The columns default to `{}` and only objects are ever written; anything else reads as empty. */
function asObject(value: UserRow['publicMetadata']): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
