import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Users of a tenant. TenantDatabase comes from the global DatabaseModule. */
@Module({
  imports: [AuditModule],
  providers: [UsersRepository, UsersService, UserAccountsService],
  exports: [UsersService, UserAccountsService],
})
export class UsersModule {}
