import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/** An API resource with every permission it defines, as a grant needs it. */
export interface GrantableResource {
  id: string;
  identifier: string;
  name: string;
  permissions: Array<{ id: string; name: string }>;
}

/** One API resource an application was granted, with the granted permissions by name. */
export interface ApiAccessRow {
  resource: { id: string; identifier: string; name: string };
  permissions: string[];
}

/**
 * `application_api_access` (an m2m application's authorization for one API resource) and
 * `application_api_access_permissions` (which of the resource's permissions it includes), both
 * tenant-owned. Every method runs in the caller's tenant transaction and filters by tenant anyway.
 *
 * `resource` and `list` read the RBAC module's `api_resources` and `permissions`: a grant must
 * check and lock them in the transaction that writes it, and RBAC's services run their own
 * transactions (the organizations module's TenantDirectoryRepository makes the same trade).
 */
@Injectable()
export class ApplicationApiAccessRepository {
  /**
   * The resource and its permissions, locked (KEY SHARE) until the transaction ends: a concurrent
   * deletion waits for the grant to commit, then cascades to it, instead of failing its foreign keys.
   */
  async resource(tx: TenantTransaction, tenantId: string, id: string): Promise<GrantableResource | null> {
    const [resource] = await tx.$queryRaw<Array<{ id: string; identifier: string; name: string }>>`
      SELECT id::text AS id, identifier, name FROM api_resources
       WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid
         FOR KEY SHARE`;
    if (!resource) return null;
    const permissions = await tx.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT id::text AS id, name FROM permissions
       WHERE tenant_id = ${tenantId}::uuid AND resource_id = ${id}::uuid
       ORDER BY name
         FOR KEY SHARE`;
    return { ...resource, permissions };
  }

  /** Every resource the application was granted, by identifier, its permissions by name. */
  list(tx: TenantTransaction, tenantId: string, applicationId: string): Promise<ApiAccessRow[]> {
    return tx.$queryRaw<ApiAccessRow[]>`
      SELECT json_build_object('id', r.id, 'identifier', r.identifier, 'name', r.name) AS resource,
        COALESCE((
          SELECT json_agg(p.name ORDER BY p.name)
            FROM application_api_access_permissions ap
            JOIN permissions p ON p.tenant_id = ap.tenant_id AND p.id = ap.permission_id
           WHERE ap.tenant_id = g.tenant_id AND ap.application_id = g.application_id
             AND ap.api_resource_id = g.api_resource_id
        ), '[]'::json) AS permissions
        FROM application_api_access g
        JOIN api_resources r ON r.tenant_id = g.tenant_id AND r.id = g.api_resource_id
       WHERE g.tenant_id = ${tenantId}::uuid AND g.application_id = ${applicationId}::uuid
       ORDER BY r.identifier`;
  }

  /**
   * Makes the application's access to the resource exactly `permissionIds` (creating the access
   * when there was none); returns what changed. The caller has locked the application and the
   * resource with its permissions, so the foreign keys cannot fail here.
   */
  async replace(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    apiResourceId: string,
    permissionIds: readonly string[],
  ): Promise<{ created: boolean; added: string[]; removed: string[] }> {
    const key = { tenantId, applicationId, apiResourceId };
    const { count } = await tx.applicationApiAccess.createMany({ data: [key], skipDuplicates: true });
    const current = await tx.applicationApiAccessPermission.findMany({
      where: key,
      select: { permissionId: true },
    });
    const held = new Set(current.map((row) => row.permissionId));
    const wanted = new Set(permissionIds);
    const removed = [...held].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !held.has(id));
    if (removed.length > 0) {
      await tx.applicationApiAccessPermission.deleteMany({
        where: { ...key, permissionId: { in: removed } },
      });
    }
    if (added.length > 0) {
      await tx.applicationApiAccessPermission.createMany({
        data: added.map((permissionId) => ({ ...key, permissionId })),
      });
    }
    if (count === 0 && (added.length > 0 || removed.length > 0)) {
      await tx.applicationApiAccess.updateMany({ where: key, data: { updatedAt: new Date() } });
    }
    return { created: count === 1, added, removed };
  }

  /** `false` when the application had no access to the resource. Its permissions go by FK cascade. */
  async delete(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    apiResourceId: string,
  ): Promise<boolean> {
    const { count } = await tx.applicationApiAccess.deleteMany({
      where: { tenantId, applicationId, apiResourceId },
    });
    return count === 1;
  }
}
