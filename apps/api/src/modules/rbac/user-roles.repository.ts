import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import type { RoleRow } from './roles.repository.js';

export type UserState = 'active' | 'suspended' | 'deleted';

/** A tenant-level grant: the user holds the role across the whole tenant. */
export interface UserRoleGrant {
  userId: string;
  roleId: string;
}

/**
 * `user_roles`, tenant-owned. It also reads `users` (id and status only): assigning up to 1000
 * users at once needs their existence in one query and a lock against their purge, which the
 * identity module's service does not offer per batch.
 */
@Injectable()
export class UserRolesRepository {
  /** The status of each of `ids` that is a user of the tenant; those rows stay until we commit. */
  async lockUsers(
    tx: TenantTransaction,
    tenantId: string,
    ids: readonly string[],
  ): Promise<Map<string, UserState>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.$queryRaw<Array<{ id: string; status: UserState }>>`
      SELECT id::text AS id, status::text AS status FROM users
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])
         FOR KEY SHARE`;
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  /** The user's tenant-level roles, by name. */
  async rolesOf(tx: TenantTransaction, tenantId: string, userId: string): Promise<RoleRow[]> {
    const grants = await tx.userRole.findMany({
      where: { tenantId, userId },
      include: { role: true },
      orderBy: { role: { name: 'asc' } },
    });
    return grants.map((grant) => grant.role);
  }

  /** Inserts the grants not held yet; returns those (the others are left as they are). */
  assign(
    tx: TenantTransaction,
    tenantId: string,
    grants: readonly UserRoleGrant[],
  ): Promise<UserRoleGrant[]> {
    if (grants.length === 0) return Promise.resolve([]);
    return tx.userRole.createManyAndReturn({
      data: grants.map((grant) => ({ tenantId, ...grant })),
      skipDuplicates: true,
      select: { userId: true, roleId: true },
    });
  }

  /** `false` when the user did not hold the role. */
  async remove(tx: TenantTransaction, tenantId: string, grant: UserRoleGrant): Promise<boolean> {
    return (await tx.userRole.deleteMany({ where: { tenantId, ...grant } })).count === 1;
  }
}
