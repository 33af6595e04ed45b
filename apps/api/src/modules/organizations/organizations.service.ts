import type {
  TCreateOrganizationRequest,
  TListOrganizationsQuery,
  TOrganization,
  TOrganizationList,
  TUpdateOrganizationRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, auditChanges } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { toOrganization } from './organization-dto.js';
import { organizationNotFound, slugTaken } from './organizations.errors.js';
import { isUniqueViolation, OrganizationsRepository } from './organizations.repository.js';
import { positionOf, toPage } from './paging.js';

/** What a list cursor holds: the slug of the last organization of the previous page. */
const ZOrganizationCursor = z.object({ slug: z.string().min(1).max(63) });

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(tenant: TenantRecord, query: TListOrganizationsQuery): Promise<TOrganizationList> {
    assertStorable({ q: query.q });
    const after = positionOf(ZOrganizationCursor, query.cursor);
    const rows = await this.db.run(tenant.id, (tx) =>
      this.organizations.list(tx, tenant.id, query.q, query.limit + 1, after?.slug),
    );
    return toPage(rows, query.limit, toOrganization, (row) => ({ slug: row.slug }));
  }

  async get(tenant: TenantRecord, id: string): Promise<TOrganization> {
    const row = isUuid(id)
      ? await this.db.run(tenant.id, (tx) => this.organizations.find(tx, tenant.id, id))
      : null;
    if (!row) throw organizationNotFound();
    return toOrganization(row);
  }

  async create(
    actor: Actor,
    tenant: TenantRecord,
    request: TCreateOrganizationRequest,
  ): Promise<TOrganization> {
    assertStorable(request);
    return this.db.run(tenant.id, async (tx) => {
      const row = await this.organizations.create(tx, tenant.id, request);
      if (!row) throw slugTaken(request.slug);
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.create',
        targetType: 'organization',
        targetId: row.id,
        changes: auditChanges(request),
      });
      return toOrganization(row);
    });
  }

  async update(
    actor: Actor,
    tenant: TenantRecord,
    id: string,
    request: TUpdateOrganizationRequest,
  ): Promise<TOrganization> {
    if (!isUuid(id)) throw organizationNotFound();
    assertStorable(request);
    try {
      return await this.db.run(tenant.id, async (tx) => {
        const row = await this.organizations.update(tx, tenant.id, id, request);
        if (!row) throw organizationNotFound();
        const changes = auditChanges(request);
        // An empty PATCH reads the organization back and changes nothing: nothing to audit.
        if (Object.keys(changes).length > 0) {
          await this.audit.record(tx, tenant.id, actor, {
            action: 'organization.update',
            targetType: 'organization',
            targetId: id,
            changes,
          });
        }
        return toOrganization(row);
      });
    } catch (error) {
      // The slug is the only unique column an update can collide on.
      if (isUniqueViolation(error) && request.slug !== undefined) throw slugTaken(request.slug);
      throw error;
    }
  }

  /** Hard delete: the organization's domains, memberships and invitations go too; its users stay. */
  async delete(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw organizationNotFound();
    await this.db.run(tenant.id, async (tx) => {
      const row = await this.organizations.find(tx, tenant.id, id);
      if (!row || !(await this.organizations.delete(tx, tenant.id, id))) throw organizationNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.delete',
        targetType: 'organization',
        targetId: id,
        changes: { name: row.name, slug: row.slug },
      });
    });
  }
}
