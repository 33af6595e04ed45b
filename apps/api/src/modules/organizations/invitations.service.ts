import type {
  TCreatedInvitation,
  TCreateInvitationRequest,
  TInvitationList,
  TListInvitationsQuery,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import { EmailService } from '../email/email.service.js';
import { normalizeEmail } from '../identity/user-fields.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { InvitationsRepository } from './invitations.repository.js';
import { MembersService } from './members.service.js';
import { MembershipsRepository } from './memberships.repository.js';
import { toInvitation } from './organization-dto.js';
import { requireOrganization } from './organization-scope.js';
import { newInvitationToken } from './organization-secrets.js';
import { invitationNotFound, invitationUsed, inviteeAlreadyMember } from './organizations.errors.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { positionOf, toPage } from './paging.js';
import { TenantDirectoryRepository } from './tenant-directory.repository.js';

/** What a list cursor holds: the last invitation of the previous page. */
const ZInvitationCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

const HOUR_MS = 3_600_000;

/** Invitations by email: created and revoked here, accepted by `AcceptInvitation`. */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly organizations: OrganizationsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly directory: TenantDirectoryRepository,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly email: EmailService,
  ) {}

  async list(
    tenant: TenantRecord,
    organizationId: string,
    query: TListInvitationsQuery,
  ): Promise<TInvitationList> {
    const cursor = positionOf(ZInvitationCursor, query.cursor);
    const after = cursor && { createdAt: new Date(cursor.createdAt), id: cursor.id };
    const now = new Date();
    const rows = await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const filter = { status: query.status, now };
      return this.invitations.list(tx, tenant.id, organizationId, filter, query.limit + 1, after);
    });
    return toPage(
      rows,
      query.limit,
      (row) => toInvitation(row, now),
      (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
    );
  }

  /**
   * Creates an invitation and its one-time token. The token is returned here and mailed to the
   * invitee (in the tenant's default locale), never again: only its hash is stored. Inviting someone
   * who is a member already is a 409.
   */
  async create(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    request: TCreateInvitationRequest,
  ): Promise<TCreatedInvitation> {
    const { token, tokenHash } = newInvitationToken();
    const { row, organizationName } = await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const organization = await this.organizations.find(tx, tenant.id, organizationId);
      await this.members.requireRoles(tx, tenant.id, request.roleIds, 'roleIds');
      const emailNormalized = normalizeEmail(request.email);
      const existing = await this.directory.findUserByEmail(tx, tenant.id, emailNormalized);
      if (existing && (await this.memberships.find(tx, tenant.id, organizationId, existing.id))) {
        throw inviteeAlreadyMember();
      }
      const created = await this.invitations.create(tx, tenant.id, {
        organizationId,
        email: request.email,
        emailNormalized,
        roleIds: request.roleIds,
        tokenHash,
        expiresAt: new Date(Date.now() + request.expiresInHours * HOUR_MS),
      });
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.invitation.create',
        targetType: 'invitation',
        targetId: created.id,
        changes: {
          organizationId,
          email: created.email,
          roleIds: created.roleIds,
          expiresAt: created.expiresAt.toISOString(),
        },
      });
      return { row: created, organizationName: organization?.name ?? '' };
    });
    const acceptUrl = this.acceptUrl(tenant, token);
    await this.email.sendBestEffort(tenant, {
      template: 'organization-invitation',
      to: row.email,
      data: { organizationName, link: acceptUrl, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...toInvitation(row), token, acceptUrl };
  }

  /** Idempotent for a revoked (or expired) invitation; an accepted one cannot be taken back (409). */
  async revoke(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    invitationId: string,
  ): Promise<void> {
    await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      if (!isUuid(invitationId)) throw invitationNotFound();
      const revoked = await this.invitations.revoke(tx, tenant.id, organizationId, invitationId);
      if (!revoked) {
        const current = await this.invitations.find(tx, tenant.id, organizationId, invitationId);
        if (!current) throw invitationNotFound();
        if (current.acceptedAt) throw invitationUsed();
        return;
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.invitation.revoke',
        targetType: 'invitation',
        targetId: invitationId,
        changes: { organizationId, revokedAt: revoked.revokedAt?.toISOString() },
      });
    });
  }

  /** The hosted page that accepts the invitation (F4); the token rides in the query string. */
  private acceptUrl(tenant: TenantRecord, token: string): string {
    const url = new URL(`${this.config.publicUrl}/t/${tenant.slug}/login/invitations/accept`);
    url.searchParams.set('token', token);
    return url.toString();
  }
}
