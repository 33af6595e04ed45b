import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AccountRecoveryService } from './account-recovery.service.js';
import { PasswordHistoryRepository } from './password-history.repository.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { PasswordRehasher } from './password-rehash.js';
import { SignInRecorder } from './sign-in-recorder.js';
import { SignUpAccountsService } from './sign-up-accounts.service.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UserLifecycle } from './user-lifecycle.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Users of a tenant. TenantDatabase comes from the global DatabaseModule. */
@Module({
  imports: [AuditModule, TenancyModule],
  providers: [
    UsersRepository,
    UsersService,
    UserAccountsService,
    SignUpAccountsService,
    AccountRecoveryService,
    UserLifecycle,
    SignInRecorder,
    PasswordHistoryRepository,
    PasswordPolicyService,
    PasswordRehasher,
  ],
  exports: [
    UsersService,
    UserAccountsService,
    SignUpAccountsService,
    AccountRecoveryService,
    UserLifecycle,
    PasswordPolicyService,
  ],
})
export class UsersModule {}
