import type {
  TAddOrganizationMemberRequest,
  TOrganizationMember,
  TOrganizationMemberList,
  TProblemFieldError,
  TSetOrganizationMemberRolesRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { MembershipsRepository } from './memberships.repository.js';
import { toMember } from './organization-dto.js';
import { requireOrganization } from './organization-scope.js';
import { alreadyMember, memberNotFound, unknownReferences } from './organizations.errors.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { type PageQuery, positionOf, toPage } from './paging.js';
import { TenantDirectoryRepository } from './tenant-directory.repository.js';

/** What a list cursor holds: the last membership of the previous page. */
const ZMemberCursor = z.object({ createdAt: z.iso.datetime(), userId: z.uuid() });

@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly organizations: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly directory: TenantDirectoryRepository,
    private readonly audit: AuditService,
  ) {}

  async list(
    tenant: TenantRecord,
    organizationId: string,
    query: PageQuery,
  ): Promise<TOrganizationMemberList> {
    const cursor = positionOf(ZMemberCursor, query.cursor);
    const after = cursor && { createdAt: new Date(cursor.createdAt), userId: cursor.userId };
    const rows = await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      return this.memberships.list(tx, tenant.id, organizationId, query.limit + 1, after);
    });
    return toPage(rows, query.limit, toMember, (row) => ({
      createdAt: row.createdAt.toISOString(),
      userId: row.userId,
    }));
  }

  /** Any user of the tenant but a deleted one can join; the user id is checked like a body field. */
  async add(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    request: TAddOrganizationMemberRequest,
  ): Promise<TOrganizationMember> {
    return this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const user = await this.directory.findUser(tx, tenant.id, request.userId);
      if (!user || user.status === 'deleted') {
        throw unknownReferences([
          { path: 'userId', message: 'is not a user of this tenant', code: 'not_found' },
        ]);
      }
      if (!(await this.memberships.add(tx, tenant.id, organizationId, request.userId))) throw alreadyMember();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.member.add',
        targetType: 'organization',
        targetId: organizationId,
        changes: { userId: request.userId },
      });
      return this.member(tx, tenant.id, organizationId, request.userId);
    });
  }

  async remove(actor: Actor, tenant: TenantRecord, organizationId: string, userId: string): Promise<void> {
    await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      if (!isUuid(userId) || !(await this.memberships.remove(tx, tenant.id, organizationId, userId))) {
        throw memberNotFound();
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.member.remove',
        targetType: 'organization',
        targetId: organizationId,
        changes: { userId },
      });
    });
  }

  /** Replaces the member's organization roles; every role must exist in the tenant (400 otherwise). */
  async setRoles(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    userId: string,
    request: TSetOrganizationMemberRolesRequest,
  ): Promise<TOrganizationMember> {
    return this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      if (!isUuid(userId) || !(await this.memberships.lock(tx, tenant.id, organizationId, userId))) {
        throw memberNotFound();
      }
      await this.requireRoles(tx, tenant.id, request.roleIds, 'roleIds');
      await this.memberships.setRoles(tx, tenant.id, { organizationId, userId }, request.roleIds);
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.member.roles.set',
        targetType: 'organization',
        targetId: organizationId,
        changes: { userId, roleIds: request.roleIds },
      });
      return this.member(tx, tenant.id, organizationId, userId);
    });
  }

  /** Throws a 400 naming each of `roleIds` (as `path[i]`) that is not a role of the tenant. */
  async requireRoles(
    tx: TenantTransaction,
    tenantId: string,
    roleIds: string[],
    path: string,
  ): Promise<void> {
    const known = new Set((await this.directory.roles(tx, tenantId, roleIds)).map((role) => role.id));
    const errors: TProblemFieldError[] = roleIds.flatMap((id, index) =>
      known.has(id)
        ? []
        : [{ path: `${path}[${index}]`, message: 'is not a role of this tenant', code: 'not_found' }],
    );
    if (errors.length > 0) throw unknownReferences(errors);
  }

  /** The member as the API shows it; the membership exists (the caller just wrote or locked it). */
  async member(tx: TenantTransaction, tenantId: string, organizationId: string, userId: string) {
    const row = await this.memberships.find(tx, tenantId, organizationId, userId);
    if (!row) throw memberNotFound();
    return toMember(row);
  }
}
