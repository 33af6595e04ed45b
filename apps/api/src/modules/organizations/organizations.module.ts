import { Module } from '@nestjs/common';
import { TxtLookup } from '../../platform/dns/txt-lookup.js';
import { AuditModule } from '../audit/audit.module.js';
import { EmailModule } from '../email/email.module.js';
import { DomainsRepository } from './domains.repository.js';
import { DomainsService } from './domains.service.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';
import { MembershipsRepository } from './memberships.repository.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';
import { TenantDirectoryRepository } from './tenant-directory.repository.js';
import { AcceptInvitation } from './use-cases/accept-invitation.js';
import { UserOrganizationsService } from './user-organizations.service.js';

/** B2B organizations: domains, members with organization roles, invitations. TenantDatabase is global. */
@Module({
  imports: [AuditModule, EmailModule],
  providers: [
    UserOrganizationsService,
    OrganizationsRepository,
    DomainsRepository,
    MembershipsRepository,
    InvitationsRepository,
    TenantDirectoryRepository,
    TxtLookup,
    OrganizationsService,
    DomainsService,
    MembersService,
    InvitationsService,
    AcceptInvitation,
  ],
  exports: [
    OrganizationsService,
    DomainsService,
    MembersService,
    InvitationsService,
    AcceptInvitation,
    UserOrganizationsService,
  ],
})
export class OrganizationsModule {}
