import type { TAcceptInvitationRequest, TInvitationAcceptance } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { assertStorable } from '../../../platform/database/storable.js';
import { TenantDatabase, type TenantTransaction } from '../../../platform/database/tenant-database.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../audit/audit.types.js';
import type { TenantRecord } from '../../tenancy/tenancy.repository.js';
import { type InvitationRow, InvitationsRepository } from '../invitations.repository.js';
import { MembersService } from '../members.service.js';
import { MembershipsRepository } from '../memberships.repository.js';
import { invitationStatus, toInvitation } from '../organization-dto.js';
import { invitationTokenHash } from '../organization-secrets.js';
import {
  invitationExpired,
  invitationRevoked,
  invitationTokenUnknown,
  invitationUsed,
  inviteeDeleted,
} from '../organizations.errors.js';
import { TenantDirectoryRepository } from '../tenant-directory.repository.js';

/**
 * Accepting an invitation, all in one transaction: claim the invitation (single use), find or
 * create the user with the invited email, add the membership and the invited roles, audit. Any
 * failure rolls the whole of it back, the claim included, so the invitation stays usable.
 */
@Injectable()
export class AcceptInvitation {
  constructor(
    private readonly db: TenantDatabase,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly directory: TenantDirectoryRepository,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  async execute(
    actor: Actor,
    tenant: TenantRecord,
    request: TAcceptInvitationRequest,
  ): Promise<TInvitationAcceptance> {
    assertStorable({ user: request.user });
    const tokenHash = invitationTokenHash(request.token);
    if (!tokenHash) throw invitationTokenUnknown();
    return this.db.run(tenant.id, async (tx) => {
      const found = await this.invitations.findByTokenHash(tx, tenant.id, tokenHash);
      if (!found) throw invitationTokenUnknown();
      const now = new Date();
      if (!(await this.invitations.claim(tx, tenant.id, found.id, now))) {
        // Re-read: a concurrent accept (or revoke) may have committed while the claim waited for it.
        throw unusable(await this.invitations.findByTokenHash(tx, tenant.id, tokenHash), now);
      }
      const user = await this.invitee(tx, tenant.id, found, request);
      const organizationId = found.organizationId;
      const joined = await this.memberships.add(tx, tenant.id, organizationId, user.id);
      const roleIds = await this.stillExistingRoles(tx, tenant.id, found.roleIds);
      await this.memberships.addRoles(tx, tenant.id, { organizationId, userId: user.id }, roleIds);
      const accepted = await this.invitations.setAcceptedUser(tx, tenant.id, found.id, user.id);
      await this.record(tx, tenant.id, actor, accepted, { userCreated: user.created, joined, roleIds });
      return {
        invitation: toInvitation(accepted, now),
        member: await this.members.member(tx, tenant.id, organizationId, user.id),
        userCreated: user.created,
      };
    });
  }

  /**
   * The user with the invited email (compared normalized), created if there is none: the invitee
   * proved the mailbox by holding the token, so the new user's email is verified.
   */
  private async invitee(
    tx: TenantTransaction,
    tenantId: string,
    invitation: InvitationRow,
    request: TAcceptInvitationRequest,
  ): Promise<{ id: string; created: boolean }> {
    const existing = await this.directory.findUserByEmail(tx, tenantId, invitation.emailNormalized);
    const user =
      existing === null
        ? await this.directory.createInvitee(tx, tenantId, {
            email: invitation.email,
            emailNormalized: invitation.emailNormalized,
            givenName: request.user?.givenName ?? null,
            familyName: request.user?.familyName ?? null,
          })
        : { ...existing, created: false };
    if (!user || user.status === 'deleted') throw inviteeDeleted();
    return user;
  }

  /** Roles may have been deleted since the invitation was sent: grant the ones that still exist. */
  private async stillExistingRoles(tx: TenantTransaction, tenantId: string, roleIds: string[]) {
    const existing = new Set((await this.directory.roles(tx, tenantId, roleIds)).map((role) => role.id));
    return roleIds.filter((id) => existing.has(id));
  }

  private async record(
    tx: TenantTransaction,
    tenantId: string,
    actor: Actor,
    invitation: InvitationRow,
    outcome: { userCreated: boolean; joined: boolean; roleIds: string[] },
  ): Promise<void> {
    const userId = invitation.acceptedUserId ?? undefined;
    if (outcome.userCreated) {
      await this.audit.record(tx, tenantId, actor, {
        action: 'user.create',
        targetType: 'user',
        targetId: userId,
        changes: { email: invitation.email, emailVerified: true, via: 'invitation' },
      });
    }
    if (outcome.joined) {
      await this.audit.record(tx, tenantId, actor, {
        action: 'organization.member.add',
        targetType: 'organization',
        targetId: invitation.organizationId,
        changes: { userId, roleIds: outcome.roleIds, via: 'invitation' },
      });
    }
    await this.audit.record(tx, tenantId, actor, {
      action: 'organization.invitation.accept',
      targetType: 'invitation',
      targetId: invitation.id,
      changes: { organizationId: invitation.organizationId, userId, userCreated: outcome.userCreated },
    });
  }
}

/** Why an invitation that could not be claimed is unusable, from its current state. */
function unusable(current: InvitationRow | null, now: Date) {
  if (!current) return invitationTokenUnknown();
  switch (invitationStatus(current, now)) {
    case 'revoked':
      return invitationRevoked();
    case 'expired':
      return invitationExpired();
    default:
      // Accepted: by a concurrent accept when the claim had to wait for it.
      return invitationUsed();
  }
}
