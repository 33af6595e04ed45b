import type {
  TAccessTokenFormat,
  TApiResource,
  TApiResourceList,
  TCreateApiResourceRequest,
  TListApiResourcesQuery,
  TUpdateApiResourceRequest,
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
import { isUniqueViolation } from './prisma-errors.js';
import { apiResourceNotFound, identifierTaken } from './rbac.errors.js';
import { accessTokenFormatOf, toApiResource } from './rbac-dto.js';

/** API resources: the audiences access tokens are issued for. */
@Injectable()
export class ApiResourcesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly resources: ApiResourcesRepository,
    private readonly audit: AuditService,
    /** Absent where services are built by hand (CLI, tests): nothing to invalidate there. */
    @Optional() private readonly changes?: ChangeBus,
  ) {}

  async list(tenant: TenantRecord, query: TListApiResourcesQuery): Promise<TApiResourceList> {
    assertStorable({ q: query.q });
    const after = positionOf(query.cursor);
    const rows = await this.db.run(tenant.id, (tx) =>
      this.resources.list(tx, tenant.id, query.q, query.limit + 1, after),
    );
    return pageOf(rows, query.limit, (row) => row.identifier, toApiResource);
  }

  /** The resource server behind an audience identifier, with every permission it defines. */
  async findByIdentifier(
    tenantId: string,
    identifier: string,
  ): Promise<
    | {
        id: string;
        identifier: string;
        name: string;
        accessTokenFormat: TAccessTokenFormat;
        permissions: string[];
      }
    | undefined
  > {
    const row = await this.db.run(tenantId, (tx) =>
      this.resources.findByIdentifier(tx, tenantId, identifier),
    );
    return row
      ? {
          id: row.id,
          identifier: row.identifier,
          name: row.name,
          accessTokenFormat: accessTokenFormatOf(row),
          permissions: row.permissions.map((p) => p.name),
        }
      : undefined;
  }

  async get(tenant: TenantRecord, id: string): Promise<TApiResource> {
    const row = isUuid(id)
      ? await this.db.run(tenant.id, (tx) => this.resources.find(tx, tenant.id, id))
      : null;
    if (!row) throw apiResourceNotFound();
    return toApiResource(row);
  }

  async create(
    actor: Actor,
    tenant: TenantRecord,
    request: TCreateApiResourceRequest,
  ): Promise<TApiResource> {
    assertStorable(request);
    try {
      const row = await this.db.run(tenant.id, async (tx) => {
        const created = await this.resources.create(tx, tenant.id, request);
        await this.audit.record(tx, tenant.id, actor, {
          action: 'api_resource.create',
          targetType: 'api_resource',
          targetId: created.id,
          changes: auditChanges(request),
        });
        return created;
      });
      await this.changed(tenant);
      return toApiResource(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw identifierTaken();
      throw error;
    }
  }

  async update(
    actor: Actor,
    tenant: TenantRecord,
    id: string,
    request: TUpdateApiResourceRequest,
  ): Promise<TApiResource> {
    if (!isUuid(id)) throw apiResourceNotFound();
    assertStorable(request);
    if (request.name === undefined && request.accessTokenFormat === undefined) return this.get(tenant, id);
    const row = await this.db.run(tenant.id, async (tx) => {
      const updated = await this.resources.update(tx, tenant.id, id, request);
      if (updated) {
        await this.audit.record(tx, tenant.id, actor, {
          action: 'api_resource.update',
          targetType: 'api_resource',
          targetId: id,
          changes: auditChanges(request),
        });
      }
      return updated;
    });
    if (!row) throw apiResourceNotFound();
    await this.changed(tenant);
    return toApiResource(row);
  }

  /** Takes its permissions along; every role that granted one of them stops granting it at once. */
  async delete(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw apiResourceNotFound();
    const deleted = await this.db.run(tenant.id, async (tx) => {
      const found = await this.resources.find(tx, tenant.id, id);
      if (!found || !(await this.resources.delete(tx, tenant.id, id))) return false;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'api_resource.delete',
        targetType: 'api_resource',
        targetId: id,
        changes: { identifier: found.identifier },
      });
      return true;
    });
    if (!deleted) throw apiResourceNotFound();
    await this.changed(tenant);
  }

  /** Token issuance caches resources (audience, permissions): tell every replica. */
  private async changed(tenant: TenantRecord): Promise<void> {
    await this.changes?.publish({ tenantId: tenant.id, what: 'api-resources' });
  }
}
