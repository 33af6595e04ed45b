import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { EmailCodeSignInService } from '../authn/email-code-sign-in.service.js';
import { PasswordResetService } from '../authn/password-reset.service.js';
import { SignUpService } from '../authn/sign-up.service.js';
import { SignUpLinkService } from '../authn/sign-up-link.service.js';
import { EmailModule } from '../email/email.module.js';
import { UsersModule } from '../identity/users.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RbacModule } from '../rbac/rbac.module.js';
import { SigningKeysModule } from '../signing-keys/signing-keys.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AccessTokenAuthenticator } from './access-token-authenticator.js';
import { ContinueSessionService } from './continue-session.js';
import { InteractionsService } from './interactions.service.js';
import { OidcProviderRegistry } from './oidc-provider.registry.js';
import { UserSessionsService } from './sessions/user-sessions.service.js';

/** Each tenant's OpenID Provider (oidc-provider) and the login interaction API. */
@Module({
  imports: [
    TenancyModule,
    UsersModule,
    RbacModule,
    SigningKeysModule,
    ApplicationsModule,
    OrganizationsModule,
    EmailModule,
    AuditModule,
  ],
  providers: [
    OidcProviderRegistry,
    InteractionsService,
    AccessTokenAuthenticator,
    SignUpService,
    SignUpLinkService,
    ContinueSessionService,
    PasswordResetService,
    EmailCodeSignInService,
    UserSessionsService,
  ],
  exports: [
    OidcProviderRegistry,
    InteractionsService,
    AccessTokenAuthenticator,
    UserSessionsService,
    PasswordResetService,
    SignUpLinkService,
  ],
})
export class OidcModule {}
