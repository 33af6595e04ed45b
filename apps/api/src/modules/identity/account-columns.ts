import type { AccountRecord } from './user-accounts.service.js';

/** Every field of AccountRecord and its column in `users` (never the password hash). */
const ACCOUNT_FIELDS = [
  ['tenant_id', 'tenantId'],
  ['id', 'id'],
  ['email', 'email'],
  ['email_normalized', 'emailNormalized'],
  ['email_verified', 'emailVerified'],
  ['username', 'username'],
  ['username_normalized', 'usernameNormalized'],
  ['phone', 'phone'],
  ['given_name', 'givenName'],
  ['family_name', 'familyName'],
  ['display_name', 'displayName'],
  ['picture', 'picture'],
  ['locale', 'locale'],
  ['zoneinfo', 'zoneinfo'],
  ['public_metadata', 'publicMetadata'],
  ['private_metadata', 'privateMetadata'],
  ['attributes', 'attributes'],
  ['password_changed_at', 'passwordChangedAt', 'timestamp'],
  ['status', 'status'],
  ['created_at', 'createdAt', 'timestamp'],
  ['updated_at', 'updatedAt', 'timestamp'],
  ['last_sign_in_at', 'lastSignInAt', 'timestamp'],
  ['deleted_at', 'deletedAt', 'timestamp'],
] as const satisfies ReadonlyArray<readonly [string, keyof AccountRecord, 'timestamp'?]>;

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
  const pairs = ACCOUNT_FIELDS.map(([column, field]) => `'${field}', ${alias}.${column}`).join(', ');
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

const TIMESTAMP_FIELDS = ACCOUNT_FIELDS.filter((entry) => entry[2] === 'timestamp').map(([, field]) => field);
