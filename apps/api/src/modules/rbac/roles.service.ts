import type {
  TCreateRoleRequest,
  TListRolesQuery,
  TRole,
  TRoleList,
  TRoleWithPermissions,
  TUpdateRoleRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, auditChanges } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { pageOf, positionOf } from './keyset-page.js';
import { isUniqueViolation } from './prisma-errors.js';
import { roleNameTaken, roleNotFound } from './rbac.errors.js';
import { toRole, toRolePermission } from './rbac-dto.js';
import { RolesRepository } from './roles.repository.js';

/** Roles: named bundles of permissions, held by users (tenant-wide) and members (per organization). */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly roles: RolesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(tenant: TenantRecord, query: TListRolesQuery): Promise<TRoleList> {
    assertStorable({ q: query.q });
    const after = positionOf(query.cursor);
    const rows = await this.db.run(tenant.id, (tx) =>
      this.roles.list(tx, tenant.id, query.q, query.limit + 1, after),
    );
    return pageOf(rows, query.limit, (row) => row.name, toRole);
  }

  async get(tenant: TenantRecord, id: string): Promise<TRoleWithPermissions> {
    const role = isUuid(id)
      ? await this.db.run(tenant.id, (tx) => this.withPermissions(tx, tenant.id, id))
      : null;
    if (!role) throw roleNotFound();
    return role;
  }

  /** The role and what it grants, read in the caller's transaction (so after its own changes). */
  async withPermissions(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
  ): Promise<TRoleWithPermissions | null> {
    const row = await this.roles.find(tx, tenantId, id);
    if (!row) return null;
    const permissions = await this.roles.permissionsOf(tx, tenantId, id);
    return { ...toRole(row), permissions: permissions.map(toRolePermission) };
  }

  async create(actor: Actor, tenant: TenantRecord, request: TCreateRoleRequest): Promise<TRole> {
    assertStorable(request);
    return this.writing(() =>
      this.db.run(tenant.id, async (tx) => {
        const row = await this.roles.create(tx, tenant.id, {
          name: request.name,
          description: request.description ?? null,
        });
        await this.audit.record(tx, tenant.id, actor, {
          action: 'role.create',
          targetType: 'role',
          targetId: row.id,
          changes: auditChanges(request),
        });
        return toRole(row);
      }),
    );
  }

  /** An empty body changes nothing (and records nothing). */
  async update(actor: Actor, tenant: TenantRecord, id: string, request: TUpdateRoleRequest): Promise<TRole> {
    if (!isUuid(id)) throw roleNotFound();
    assertStorable(request);
    const changes = auditChanges(request);
    const row = await this.writing(() =>
      this.db.run(tenant.id, async (tx) => {
        if (Object.keys(changes).length === 0) return this.roles.find(tx, tenant.id, id);
        const updated = await this.roles.update(tx, tenant.id, id, request);
        if (updated) {
          await this.audit.record(tx, tenant.id, actor, {
            action: 'role.update',
            targetType: 'role',
            targetId: id,
            changes,
          });
        }
        return updated;
      }),
    );
    if (!row) throw roleNotFound();
    return toRole(row);
  }

  /** Every user and organization member holding it loses it at once. */
  async delete(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw roleNotFound();
    const deleted = await this.db.run(tenant.id, async (tx) => {
      const found = await this.roles.find(tx, tenant.id, id);
      if (!found || !(await this.roles.delete(tx, tenant.id, id))) return false;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'role.delete',
        targetType: 'role',
        targetId: id,
        changes: { name: found.name },
      });
      return true;
    });
    if (!deleted) throw roleNotFound();
  }

  /** A taken name surfaces from the unique index as the transaction fails; it becomes a 409. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw roleNameTaken();
      throw error;
    }
  }
}
