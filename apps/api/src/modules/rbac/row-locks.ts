import { Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/** Tables whose rows RBAC writes point at (by tenant-inclusive foreign keys). */
export type ReferencedTable = 'api_resources' | 'permissions' | 'roles' | 'users';

/**
 * `KEY SHARE`: the row may change but not disappear until we commit, so an insert that references it
 * cannot fail on its foreign key (a 500) when a concurrent delete commits between check and insert.
 * `NO KEY UPDATE`: also serializes writers that take the same lock (two PUTs of one role's permissions).
 */
export type LockMode = 'KEY SHARE' | 'NO KEY UPDATE';

/** The ids among `ids` that exist in the tenant's `table`, locked until the transaction ends. */
export async function lockRows(
  tx: TenantTransaction,
  table: ReferencedTable,
  tenantId: string,
  ids: readonly string[],
  mode: LockMode = 'KEY SHARE',
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // Table and mode come from the closed unions above, never from a request.
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM ${Prisma.raw(table)}
     WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])
       FOR ${Prisma.raw(mode)}`;
  return new Set(rows.map((row) => row.id));
}
