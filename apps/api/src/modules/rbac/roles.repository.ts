import { Injectable } from '@nestjs/common';
import type { ApiResource, Permission, Prisma, Role } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { containsText } from './keyset-page.js';
import { type LockMode, lockRows } from './row-locks.js';

export type RoleRow = Role;
export type RolePermissionRow = Permission & { resource: ApiResource };

/** What the API lets a caller write on a role. */
export interface RoleFields {
  name: string;
  description: string | null;
}

/** `roles` is tenant-owned: every method takes the tenant and the caller's tenant transaction. */
@Injectable()
export class RolesRepository {
  /** By name (unique per tenant, so it is also the keyset position). */
  list(
    tx: TenantTransaction,
    tenantId: string,
    q: string | undefined,
    limit: number,
    afterName?: string,
  ): Promise<RoleRow[]> {
    const name: Prisma.StringFilter = {
      ...(q === undefined ? {} : containsText(q)),
      ...(afterName === undefined ? {} : { gt: afterName }),
    };
    return tx.role.findMany({ where: { tenantId, name }, orderBy: { name: 'asc' }, take: limit });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<RoleRow | null> {
    return tx.role.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /** The role's permissions with their resources, by resource identifier, then name. */
  async permissionsOf(tx: TenantTransaction, tenantId: string, roleId: string): Promise<RolePermissionRow[]> {
    const grants = await tx.rolePermission.findMany({
      where: { tenantId, roleId },
      include: { permission: { include: { resource: true } } },
      orderBy: [{ permission: { resource: { identifier: 'asc' } } }, { permission: { name: 'asc' } }],
    });
    return grants.map((grant) => grant.permission);
  }

  /** Throws P2002 when the name is taken. */
  create(tx: TenantTransaction, tenantId: string, fields: RoleFields): Promise<RoleRow> {
    return tx.role.create({ data: { tenantId, ...fields } });
  }

  /** `null` when the tenant has no such role; throws P2002 when the new name is taken. */
  async update(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    fields: Partial<RoleFields>,
  ): Promise<RoleRow | null> {
    const [row] = await tx.role.updateManyAndReturn({ where: { tenantId, id }, data: fields });
    return row ?? null;
  }

  /** Grants to users, members and permissions go with it, by ON DELETE CASCADE. */
  async delete(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    return (await tx.role.deleteMany({ where: { tenantId, id } })).count === 1;
  }

  /** The ids among `ids` that are roles of the tenant, locked (see LockMode). */
  lock(
    tx: TenantTransaction,
    tenantId: string,
    ids: readonly string[],
    mode?: LockMode,
  ): Promise<Set<string>> {
    return lockRows(tx, 'roles', tenantId, ids, mode);
  }
}
