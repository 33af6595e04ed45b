import { Prisma } from '../../generated/prisma/client.js';
import { USER_COLUMNS } from './account-columns.js';
import type { UserListFilter, UserPosition } from './users.repository.js';

/**
 * The user list as one statement. SQL rather than `findMany`, because the search must use
 * `starts_with()`, which Prisma cannot express (its `startsWith` is LIKE): under row-level security
 * only leakproof functions become index conditions, and LIKE is not. Which index serves which filter:
 * docs/adr/0007-search-under-rls.md and the users_search_indexes migration.
 */
export function listUsersSql(
  tenantId: string,
  filter: UserListFilter,
  limit: number,
  after: UserPosition | undefined,
): Prisma.Sql {
  const conditions = [
    Prisma.sql`tenant_id = ${tenantId}::uuid`,
    statusCondition(filter),
    ...(filter.q === undefined ? [] : [searchCondition(filter.q)]),
    // Strictly after the position in (created_at desc, id desc); a row comparison is an index
    // condition on (tenant_id, created_at desc, id desc), so deep pages cost the same as the first.
    ...(after === undefined
      ? []
      : [Prisma.sql`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`]),
  ];
  return Prisma.sql`
    SELECT ${SELECT_LIST} FROM users
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY created_at DESC, id DESC
     LIMIT ${limit}`;
}

/**
 * Every field of UserRow under its Prisma name, so a raw row is a UserRow: `$queryRaw` maps the
 * column types (timestamps to Date, jsonb to objects) as `findMany` does.
 */
const SELECT_LIST = Prisma.raw(
  Object.entries(USER_COLUMNS)
    .map(([field, column]) => `"${column}" AS "${field}"`)
    .join(', '),
);

/**
 * Enum equality is not leakproof, so these are never index conditions; the partial indexes on
 * suspended, deleted and unverified users serve them anyway (their predicate is proven at plan
 * time, from the parameter's value).
 */
function statusCondition(filter: UserListFilter): Prisma.Sql {
  const status =
    filter.status === undefined
      ? Prisma.sql`status <> 'deleted'`
      : Prisma.sql`status = ${filter.status}::user_status`;
  return filter.emailVerified === undefined
    ? status
    : Prisma.sql`${status} AND email_verified = ${filter.emailVerified}`;
}

/**
 * A prefix of the email, the username or a name, case-insensitively. Each column is compared with
 * `q` lowercased the way that column was: the normalized ones by the application (toLowerCase, as
 * in user-fields.ts), the name copies by PostgreSQL's lower() (generated columns). lower() here
 * only touches the parameter, never row data, so it does not stop the index from being used.
 * starts_with() has no wildcards: `%`, `_` and `\` in `q` are plain characters as they are.
 */
function searchCondition(q: string): Prisma.Sql {
  const normalized = q.toLowerCase();
  return Prisma.sql`(
    starts_with(email_normalized, ${normalized})
    OR starts_with(username_normalized, ${normalized})
    OR starts_with(given_name_lower, lower(${q}))
    OR starts_with(family_name_lower, lower(${q}))
    OR starts_with(display_name_lower, lower(${q})))`;
}
