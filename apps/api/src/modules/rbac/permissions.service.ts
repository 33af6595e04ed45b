import type {
  TCreatePermissionRequest,
  TListPermissionsQuery,
  TPermission,
  TPermissionList,
} from '@latchkey/contracts';
import { Injectable, Optional } from '@nestjs/common';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, auditChanges } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { ApiResourcesRepository } from './api-resources.repository.js';
import { pageOf, positionOf } from './keyset-page.js';
import { PermissionsRepository } from './permissions.repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { apiResourceNotFound, permissionNameTaken, permissionNotFound } from './rbac.errors.js';
import { toPermission } from './rbac-dto.js';

/** The permissions an API resource defines (`read:invoices`), which roles then grant. */
@Injectable()
export class PermissionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly resources: ApiResourcesRepository,
    private readonly permissions: PermissionsRepository,
    private readonly audit: AuditService,
    /** Token issuance caches each resource's permissions: tell every replica. */
    @Optional() private readonly changes?: ChangeBus,
  ) {}

  async list(
    tenant: TenantRecord,
    resourceId: string,
    query: TListPermissionsQuery,
  ): Promise<TPermissionList> {
    if (!isUuid(resourceId)) throw apiResourceNotFound();
    const after = positionOf(query.cursor);
    const rows = await this.db.run(tenant.id, async (tx) =>
      (await this.resources.find(tx, tenant.id, resourceId))
        ? this.permissions.list(tx, tenant.id, resourceId, query.limit + 1, after)
        : null,
    );
    if (!rows) throw apiResourceNotFound();
    return pageOf(rows, query.limit, (row) => row.name, toPermission);
  }

  async create(
    actor: Actor,
    tenant: TenantRecord,
    resourceId: string,
    request: TCreatePermissionRequest,
  ): Promise<TPermission> {
    if (!isUuid(resourceId)) throw apiResourceNotFound();
    assertStorable(request);
    try {
      const row = await this.db.run(tenant.id, async (tx) => {
        if (!(await this.resources.lock(tx, tenant.id, resourceId))) return null;
        const created = await this.permissions.create(tx, tenant.id, resourceId, {
          name: request.name,
          description: request.description ?? null,
        });
        await this.audit.record(tx, tenant.id, actor, {
          action: 'permission.create',
          targetType: 'permission',
          targetId: created.id,
          changes: { resourceId, ...auditChanges(request) },
        });
        return created;
      });
      if (!row) throw apiResourceNotFound();
      await this.changes?.publish({ tenantId: tenant.id, what: 'api-resources' });
      return toPermission(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw permissionNameTaken();
      throw error;
    }
  }

  /** Every role that granted it stops granting it at once. */
  async delete(actor: Actor, tenant: TenantRecord, resourceId: string, id: string): Promise<void> {
    if (!isUuid(resourceId) || !isUuid(id)) throw permissionNotFound();
    const deleted = await this.db.run(tenant.id, async (tx) => {
      if (!(await this.permissions.delete(tx, tenant.id, resourceId, id))) return false;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'permission.delete',
        targetType: 'permission',
        targetId: id,
        changes: { resourceId },
      });
      return true;
    });
    if (!deleted) throw permissionNotFound();
    await this.changes?.publish({ tenantId: tenant.id, what: 'api-resources' });
  }
}
