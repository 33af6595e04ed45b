import type { AccountRecord } from './user-accounts.service.js';
import type { UserRow } from './users.repository.js';

/**
 * Every field of UserRow and its column in `users`. Typed as a Record of every key, so a column
 * added to the model is a compile error here rather than a field missing from some query (the
 * management list, the sign-in and token paths all select from this).
 */
export const USER_COLUMNS: Record<keyof UserRow, string> = {
  tenantId: 'tenant_id',
  id: 'id',
  email: 'email',
  emailNormalized: 'email_normalized',
  emailVerified: 'email_verified',
  username: 'username',
  usernameNormalized: 'username_normalized',
  phone: 'phone',
  givenName: 'given_name',
  familyName: 'family_name',
  displayName: 'display_name',
  picture: 'picture',
  locale: 'locale',
  zoneinfo: 'zoneinfo',
  publicMetadata: 'public_metadata',
  privateMetadata: 'private_metadata',
  attributes: 'attributes',
  passwordHash: 'password_hash',
  passwordChangedAt: 'password_changed_at',
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  lastSignInAt: 'last_sign_in_at',
  deletedAt: 'deleted_at',
};

/** The fields that hold a time: every one of them, or this does not compile. */
type TimestampField = { [K in keyof UserRow]: UserRow[K] extends Date | null ? K : never }[keyof UserRow];
const TIMESTAMPS: Record<TimestampField, true> = {
  passwordChangedAt: true,
  createdAt: true,
  updatedAt: true,
  lastSignInAt: true,
  deletedAt: true,
};
const TIMESTAMP_FIELDS = Object.keys(TIMESTAMPS);

/** Every field of AccountRecord with its column: all of the user's but the password hash. */
const ACCOUNT_FIELDS = Object.entries(USER_COLUMNS).filter(([field]) => field !== 'passwordHash');

/**
 * `LEFT JOIN` of the active user whose id is the text expression `accountId` (an artifact's
 * `account_id`), in the tenant `tenantId`. Text that is not a UUID joins nothing instead of failing
 * the whole statement on the cast.
 */
export function activeAccountJoin(alias: string, tenantId: string, accountId: string): string {
  return `LEFT JOIN users ${alias}
           ON ${alias}.tenant_id = ${tenantId} AND ${alias}.status = 'active'
          AND ${alias}.id = CASE WHEN ${accountId} ~* '${UUID_PATTERN}' THEN ${accountId}::uuid END`;
}

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * The AccountRecord of the user under `alias` as one JSON column (NULL when none joined), for a
 * statement that reads a user along with other rows: pg then parses one column instead of one per
 * field (building each field's parser and a row template for every result; a refresh's profile
 * had that at ~3 % of its CPU).
 */
export function accountJson(alias: string): string {
  const pairs = ACCOUNT_FIELDS.map(([field, column]) => `'${field}', ${alias}.${column}`).join(', ');
  return `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object(${pairs}) END`;
}

/** The AccountRecord in an `accountJson` column as pg parsed it; timestamps become Dates again. */
export function accountFromJson(value: unknown): AccountRecord | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const account = value as Record<string, unknown>;
  for (const field of TIMESTAMP_FIELDS) {
    const at = account[field];
    if (typeof at === 'string') account[field] = new Date(at);
  }
  return account as AccountRecord;
}
