import { Injectable } from '@nestjs/common';
import type { Permission } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { lockRows } from './row-locks.js';

export type PermissionRow = Permission;

/** `permissions` is tenant-owned: every method takes the tenant and the caller's tenant transaction. */
@Injectable()
export class PermissionsRepository {
  /** A resource's permissions by name (unique per resource, so it is also the keyset position). */
  list(
    tx: TenantTransaction,
    tenantId: string,
    resourceId: string,
    limit: number,
    afterName?: string,
  ): Promise<PermissionRow[]> {
    return tx.permission.findMany({
      where: { tenantId, resourceId, ...(afterName === undefined ? {} : { name: { gt: afterName } }) },
      orderBy: { name: 'asc' },
      take: limit,
    });
  }

  /** Throws P2002 when the resource already has a permission of this name. */
  create(
    tx: TenantTransaction,
    tenantId: string,
    resourceId: string,
    fields: { name: string; description: string | null },
  ): Promise<PermissionRow> {
    return tx.permission.create({ data: { tenantId, resourceId, ...fields } });
  }

  /** Only a permission of this resource: the path names both. Role grants go by ON DELETE CASCADE. */
  async delete(tx: TenantTransaction, tenantId: string, resourceId: string, id: string): Promise<boolean> {
    return (await tx.permission.deleteMany({ where: { tenantId, resourceId, id } })).count === 1;
  }

  /** The ids among `ids` that are permissions of the tenant, locked against deletion. */
  lock(tx: TenantTransaction, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    return lockRows(tx, 'permissions', tenantId, ids);
  }
}
