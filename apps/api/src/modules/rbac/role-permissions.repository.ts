import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/**
 * `role_permissions` (which permissions a role grants), tenant-owned. Callers lock the role and the
 * permissions first (see row-locks.ts), so the foreign keys cannot fail here.
 */
@Injectable()
export class RolePermissionsRepository {
  /** Makes the role grant exactly `permissionIds`; returns what changed. */
  async replace(
    tx: TenantTransaction,
    tenantId: string,
    roleId: string,
    permissionIds: readonly string[],
  ): Promise<{ added: string[]; removed: string[] }> {
    const current = await tx.rolePermission.findMany({
      where: { tenantId, roleId },
      select: { permissionId: true },
    });
    const held = new Set(current.map((grant) => grant.permissionId));
    const wanted = new Set(permissionIds);
    const removed = [...held].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !held.has(id));
    if (removed.length > 0) {
      await tx.rolePermission.deleteMany({ where: { tenantId, roleId, permissionId: { in: removed } } });
    }
    if (added.length > 0) {
      await tx.rolePermission.createMany({
        data: added.map((permissionId) => ({ tenantId, roleId, permissionId })),
        skipDuplicates: true,
      });
    }
    return { added, removed };
  }

  /** `false` when the role already granted it. */
  async add(tx: TenantTransaction, tenantId: string, roleId: string, permissionId: string): Promise<boolean> {
    const { count } = await tx.rolePermission.createMany({
      data: [{ tenantId, roleId, permissionId }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  /** `false` when the role did not grant it. */
  async remove(
    tx: TenantTransaction,
    tenantId: string,
    roleId: string,
    permissionId: string,
  ): Promise<boolean> {
    return (await tx.rolePermission.deleteMany({ where: { tenantId, roleId, permissionId } })).count === 1;
  }
}
