import { Module } from '@nestjs/common';
import { ManagementAuthGuard } from '../../platform/auth/management-auth.guard.js';
import { TenantAccess } from '../../platform/auth/tenant-access.js';
import { TenantScopeGuard } from '../../platform/auth/tenant-scope.guard.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { BrandingModule } from '../branding/branding.module.js';
import { EmailModule } from '../email/email.module.js';
import { UsersModule } from '../identity/users.module.js';
import { OidcModule } from '../oidc/oidc.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RbacModule } from '../rbac/rbac.module.js';
import { SigningKeysModule } from '../signing-keys/signing-keys.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiResourcesController } from './api-resources.controller.js';
import { ApplicationApiAccessController } from './application-api-access.controller.js';
import { ApplicationsController } from './applications.controller.js';
import { AuditEventsController } from './audit-events.controller.js';
import { BrandingController } from './branding.controller.js';
import { CustomDomainsController } from './custom-domains.controller.js';
import { EmailController } from './email.controller.js';
import { InitialAccessTokensController } from './initial-access-tokens.controller.js';
import { OpenApiController } from './openapi.controller.js';
import { OrganizationDomainsController } from './organization-domains.controller.js';
import { OrganizationInvitationsController } from './organization-invitations.controller.js';
import { OrganizationMembersController } from './organization-members.controller.js';
import { OrganizationsController } from './organizations.controller.js';
import { RoleAssignmentsController } from './role-assignments.controller.js';
import { RolesController } from './roles.controller.js';
import { SigningKeysController } from './signing-keys.controller.js';
import { TenantsController } from './tenants.controller.js';
import { UserSessionsController } from './user-sessions.controller.js';
import { UsersController } from './users.controller.js';

/** The management API: controllers only; the logic lives in the domain modules' services. */
@Module({
  imports: [
    TenancyModule,
    AuditModule,
    ApiKeysModule,
    UsersModule,
    RbacModule,
    OrganizationsModule,
    ApplicationsModule,
    SigningKeysModule,
    OidcModule,
    EmailModule,
    BrandingModule,
  ],
  controllers: [
    OpenApiController,
    TenantsController,
    ApiKeysController,
    AuditEventsController,
    CustomDomainsController,
    UsersController,
    UserSessionsController,
    ApiResourcesController,
    RolesController,
    RoleAssignmentsController,
    OrganizationsController,
    OrganizationDomainsController,
    OrganizationMembersController,
    OrganizationInvitationsController,
    ApplicationsController,
    ApplicationApiAccessController,
    InitialAccessTokensController,
    SigningKeysController,
    EmailController,
    BrandingController,
  ],
  providers: [ManagementAuthGuard, TenantScopeGuard, TenantAccess],
})
export class ManagementModule {}
