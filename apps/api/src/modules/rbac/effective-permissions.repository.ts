import { ZRoleSource } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/** What the one query answers; checked at runtime, since a raw query's row type is only a claim. */
const ZResolution = z.object({
  userFound: z.boolean(),
  resourceFound: z.boolean(),
  roles: z.array(z.object({ id: z.string(), name: z.string(), source: ZRoleSource })),
  permissions: z.array(z.string()),
});
export type PermissionResolution = z.infer<typeof ZResolution>;

/**
 * Effective permissions in ONE round trip, because this sits on the token-issuing path: the roles the
 * user holds at tenant level UNION those of their membership in `organizationId` (no membership, or
 * no organization given, simply adds no rows), joined to the permissions those roles grant on the
 * resource. Every table is filtered by tenant explicitly; row-level security is the backstop. Nothing
 * is cached, so a role change shows in the next call.
 */
@Injectable()
export class EffectivePermissionsRepository {
  async resolve(
    tx: TenantTransaction,
    tenantId: string,
    userId: string,
    resource: string,
    organizationId: string | null,
  ): Promise<PermissionResolution> {
    const rows = await tx.$queryRaw<unknown[]>`
      WITH held AS (
        SELECT ur.role_id, 'tenant' AS source
          FROM user_roles ur
         WHERE ur.tenant_id = ${tenantId}::uuid AND ur.user_id = ${userId}::uuid
        UNION
        SELECT mr.role_id, 'organization' AS source
          FROM membership_roles mr
         WHERE mr.tenant_id = ${tenantId}::uuid AND mr.user_id = ${userId}::uuid
           AND mr.organization_id = ${organizationId}::uuid
      )
      SELECT
        EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = ${tenantId}::uuid AND u.id = ${userId}::uuid)
          AS "userFound",
        EXISTS (SELECT 1 FROM api_resources ar
                 WHERE ar.tenant_id = ${tenantId}::uuid AND ar.identifier = ${resource})
          AS "resourceFound",
        COALESCE((
          SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'source', h.source)
                          ORDER BY h.source = 'organization', r.name)
            FROM held h
            JOIN roles r ON r.tenant_id = ${tenantId}::uuid AND r.id = h.role_id
        ), '[]'::json) AS roles,
        ARRAY(
          SELECT DISTINCT p.name COLLATE "C"
            FROM held h
            JOIN role_permissions rp ON rp.tenant_id = ${tenantId}::uuid AND rp.role_id = h.role_id
            JOIN permissions p ON p.tenant_id = ${tenantId}::uuid AND p.id = rp.permission_id
            JOIN api_resources ar ON ar.tenant_id = ${tenantId}::uuid AND ar.id = p.resource_id
           WHERE ar.identifier = ${resource}
           ORDER BY 1
        ) AS permissions`;
    return ZResolution.parse(rows[0]);
  }
}
