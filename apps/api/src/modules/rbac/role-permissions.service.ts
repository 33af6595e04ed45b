import type { TRoleWithPermissions } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { distinct, rejectedEntries } from './id-lists.js';
import { PermissionsRepository } from './permissions.repository.js';
import { permissionNotFound, rejectedIds, roleNotFound } from './rbac.errors.js';
import { RolePermissionsRepository } from './role-permissions.repository.js';
import { RolesRepository } from './roles.repository.js';
import { RolesService } from './roles.service.js';

/**
 * What a role grants. Changes take effect at once for everyone holding the role: effective
 * permissions are computed per request, never cached. A request that changes nothing records nothing.
 */
@Injectable()
export class RolePermissionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly roles: RolesRepository,
    private readonly rolesService: RolesService,
    private readonly permissions: PermissionsRepository,
    private readonly grants: RolePermissionsRepository,
    private readonly audit: AuditService,
  ) {}

  /** All or nothing: any unknown permission id is a 400 naming each one, and nothing changes. */
  async set(
    actor: Actor,
    tenant: TenantRecord,
    roleId: string,
    permissionIds: readonly string[],
  ): Promise<TRoleWithPermissions> {
    if (!isUuid(roleId)) throw roleNotFound();
    const wanted = distinct(permissionIds);
    const role = await this.db.run(tenant.id, async (tx) => {
      // NO KEY UPDATE serializes two concurrent PUTs, so the last one wins whole (never a union).
      if (!(await this.roles.lock(tx, tenant.id, [roleId], 'NO KEY UPDATE')).has(roleId)) return null;
      const known = await this.permissions.lock(tx, tenant.id, wanted);
      const rejected = rejectedEntries('permissionIds', permissionIds, (id) =>
        known.has(id) ? null : 'unknown',
      );
      if (rejected.length > 0) throw rejectedIds(rejected, 'permission');
      const { added, removed } = await this.grants.replace(tx, tenant.id, roleId, wanted);
      if (added.length > 0 || removed.length > 0) {
        await this.audit.record(tx, tenant.id, actor, {
          action: 'role.permissions.set',
          targetType: 'role',
          targetId: roleId,
          changes: { added, removed },
        });
      }
      return this.rolesService.withPermissions(tx, tenant.id, roleId);
    });
    if (!role) throw roleNotFound();
    return role;
  }

  async add(actor: Actor, tenant: TenantRecord, roleId: string, permissionId: string): Promise<void> {
    await this.change(actor, tenant, roleId, permissionId, 'add');
  }

  async remove(actor: Actor, tenant: TenantRecord, roleId: string, permissionId: string): Promise<void> {
    await this.change(actor, tenant, roleId, permissionId, 'remove');
  }

  /** Idempotent either way; an unknown role or permission is a 404 (the path names both). */
  private async change(
    actor: Actor,
    tenant: TenantRecord,
    roleId: string,
    permissionId: string,
    verb: 'add' | 'remove',
  ): Promise<void> {
    if (!isUuid(roleId)) throw roleNotFound();
    if (!isUuid(permissionId)) throw permissionNotFound();
    await this.db.run(tenant.id, async (tx) => {
      if (!(await this.roles.lock(tx, tenant.id, [roleId])).has(roleId)) throw roleNotFound();
      if (!(await this.permissions.lock(tx, tenant.id, [permissionId])).has(permissionId)) {
        throw permissionNotFound();
      }
      const changed =
        verb === 'add'
          ? await this.grants.add(tx, tenant.id, roleId, permissionId)
          : await this.grants.remove(tx, tenant.id, roleId, permissionId);
      if (!changed) return;
      await this.audit.record(tx, tenant.id, actor, {
        action: `role.permission.${verb}`,
        targetType: 'role',
        targetId: roleId,
        changes: { permissionId },
      });
    });
  }
}
