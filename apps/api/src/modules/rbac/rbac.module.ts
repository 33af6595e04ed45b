import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApiResourcesRepository } from './api-resources.repository.js';
import { ApiResourcesService } from './api-resources.service.js';
import { EffectivePermissionsRepository } from './effective-permissions.repository.js';
import { EffectivePermissionsService } from './effective-permissions.service.js';
import { PermissionsRepository } from './permissions.repository.js';
import { PermissionsService } from './permissions.service.js';
import { RolePermissionsRepository } from './role-permissions.repository.js';
import { RolePermissionsService } from './role-permissions.service.js';
import { RolesRepository } from './roles.repository.js';
import { RolesService } from './roles.service.js';
import { UserRolesRepository } from './user-roles.repository.js';
import { UserRolesService } from './user-roles.service.js';

/** API resources, permissions, roles, tenant-level role grants and effective permissions. */
@Module({
  imports: [AuditModule],
  providers: [
    ApiResourcesRepository,
    PermissionsRepository,
    RolesRepository,
    RolePermissionsRepository,
    UserRolesRepository,
    EffectivePermissionsRepository,
    ApiResourcesService,
    PermissionsService,
    RolesService,
    RolePermissionsService,
    UserRolesService,
    EffectivePermissionsService,
  ],
  exports: [
    ApiResourcesService,
    PermissionsService,
    RolesService,
    RolePermissionsService,
    UserRolesService,
    EffectivePermissionsService,
  ],
})
export class RbacModule {}
