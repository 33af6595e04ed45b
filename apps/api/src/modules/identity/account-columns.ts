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
  ['password_changed_at', 'passwordChangedAt'],
  ['status', 'status'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['last_sign_in_at', 'lastSignInAt'],
  ['deleted_at', 'deletedAt'],
] as const satisfies ReadonlyArray<readonly [string, keyof AccountRecord]>;

/**
 * The select list of an AccountRecord from `users` under `alias`, each column named after its field
 * with `prefix` in front: another module's statement can read a user along with its own rows
 * without knowing the table's columns.
 */
export function accountColumns(alias: string, prefix = ''): string {
  return ACCOUNT_FIELDS.map(([column, field]) => `${alias}.${column} AS "${prefix}${field}"`).join(', ');
}

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

/** The AccountRecord in a row read with `accountColumns(alias, prefix)`; undefined when none joined. */
export function accountFromRow(row: Record<string, unknown>, prefix: string): AccountRecord | undefined {
  const names = prefixedNames(prefix);
  if (row[names.id] === null || row[names.id] === undefined) return undefined;
  const account: Record<string, unknown> = {};
  for (const [field, name] of names.fields) account[field] = row[name];
  return account as AccountRecord;
}

/** Each field's column name under a prefix, built once per prefix (a refresh reads one per grant). */
const namesByPrefix = new Map<string, { id: string; fields: Array<[string, string]> }>();

function prefixedNames(prefix: string) {
  let names = namesByPrefix.get(prefix);
  if (!names) {
    names = { id: `${prefix}id`, fields: ACCOUNT_FIELDS.map(([, field]) => [field, `${prefix}${field}`]) };
    namesByPrefix.set(prefix, names);
  }
  return names;
}
