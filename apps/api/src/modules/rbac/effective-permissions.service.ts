import type { TUserPermissions, TUserPermissionsQuery } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { EffectivePermissionsRepository } from './effective-permissions.repository.js';
import { resourceIdentifierNotFound, userNotFound } from './rbac.errors.js';

/**
 * What a user may do on an API resource: the permissions of their tenant-level roles, plus, within
 * an organization they are a member of, those of their roles there. An organization they are not a
 * member of (or that does not exist) adds nothing: the question is about the user, not the org.
 */
@Injectable()
export class EffectivePermissionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly resolver: EffectivePermissionsRepository,
  ) {}

  async get(tenant: TenantRecord, userId: string, query: TUserPermissionsQuery): Promise<TUserPermissions> {
    if (!isUuid(userId)) throw userNotFound();
    const organizationId = query.organizationId ?? null;
    const found = await this.db.run(tenant.id, (tx) =>
      this.resolver.resolve(tx, tenant.id, userId, query.resource, organizationId),
    );
    if (!found.userFound) throw userNotFound();
    // An unknown identifier is most likely a typo: answering "no permissions" would hide it.
    if (!found.resourceFound) throw resourceIdentifierNotFound();
    return { resource: query.resource, organizationId, permissions: found.permissions, roles: found.roles };
  }

  /**
   * The permissions to put in an access token: as `get`, but for the token path, where an unknown
   * user or resource simply means "no permissions" (the token endpoint reports its own errors).
   */
  async forToken(
    tenantId: string,
    userId: string,
    resource: string,
    organizationId: string | null,
  ): Promise<string[]> {
    if (!isUuid(userId) || (organizationId !== null && !isUuid(organizationId))) return [];
    const found = await this.db.run(tenantId, (tx) =>
      this.resolver.resolve(tx, tenantId, userId, resource, organizationId),
    );
    return found.permissions;
  }
}
