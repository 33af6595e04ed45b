import { Module } from '@nestjs/common';
import { ManagementAuthGuard } from '../../platform/auth/management-auth.guard.js';
import { TenantAccess } from '../../platform/auth/tenant-access.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { UsersModule } from '../identity/users.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { OpenApiController } from './openapi.controller.js';
import { TenantsController } from './tenants.controller.js';
import { UsersController } from './users.controller.js';

/** The management API: controllers only; the logic lives in the domain modules' services. */
@Module({
  imports: [TenancyModule, ApiKeysModule, UsersModule],
  controllers: [OpenApiController, TenantsController, ApiKeysController, UsersController],
  providers: [ManagementAuthGuard, TenantAccess],
})
export class ManagementModule {}
