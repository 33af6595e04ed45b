import type { TCreateUserRequest, TUpdateUserRequest } from '@latchkey/contracts';
import type { UserFields, UserRow } from './users.repository.js';

/** What makes two emails the same user: surrounding space and case do not count. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Usernames are ASCII by contract, so lowercasing is the whole story. */
export const normalizeUsername = (username: string | null): string | null => username?.toLowerCase() ?? null;

/** Profile fields a PATCH may set or (with `null`) clear, stored as given. */
const PROFILE_FIELDS = [
  'phone',
  'givenName',
  'familyName',
  'displayName',
  'picture',
  'locale',
  'zoneinfo',
] as const;

/** The stored fields of a new user. */
export function newUserFields(request: TCreateUserRequest): UserFields {
  return {
    email: request.email,
    emailNormalized: normalizeEmail(request.email),
    emailVerified: request.emailVerified,
    username: request.username ?? null,
    usernameNormalized: normalizeUsername(request.username ?? null),
    phone: request.phone ?? null,
    givenName: request.givenName ?? null,
    familyName: request.familyName ?? null,
    displayName: request.displayName ?? null,
    picture: request.picture ?? null,
    locale: request.locale ?? null,
    zoneinfo: request.zoneinfo ?? null,
    publicMetadata: request.publicMetadata ?? {},
    privateMetadata: request.privateMetadata ?? {},
    status: 'active',
  };
}

/**
 * PATCH semantics: only the fields present change; `null` clears a nullable field. Metadata objects
 * are replaced whole (so what is sent is what is read back). A new email address is unverified unless
 * the request says otherwise; re-sending the same address in another case keeps its verification.
 */
export function userChanges(
  current: Pick<UserRow, 'emailNormalized'>,
  request: TUpdateUserRequest,
): Partial<UserFields> {
  const changes: Partial<UserFields> = {};
  for (const field of PROFILE_FIELDS) {
    const value = request[field];
    if (value !== undefined) changes[field] = value;
  }
  if (request.email !== undefined) {
    changes.email = request.email;
    changes.emailNormalized = normalizeEmail(request.email);
    if (changes.emailNormalized !== current.emailNormalized) changes.emailVerified = false;
  }
  if (request.emailVerified !== undefined) changes.emailVerified = request.emailVerified;
  if (request.username !== undefined) {
    changes.username = request.username;
    changes.usernameNormalized = normalizeUsername(request.username);
  }
  if (request.publicMetadata !== undefined) changes.publicMetadata = request.publicMetadata;
  if (request.privateMetadata !== undefined) changes.privateMetadata = request.privateMetadata;
  if (request.status !== undefined) changes.status = request.status;
  return changes;
}
