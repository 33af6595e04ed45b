import {
  roleAssignmentRoutes as routes,
  type TAssignRoleToUsersRequest,
  type TAssignUserRolesRequest,
  type TUserPermissionsQuery,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { EffectivePermissionsService } from '../rbac/effective-permissions.service.js';
import { UserRolesService } from '../rbac/user-roles.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Who holds which role at tenant level, and what that lets a user do. */
@Controller()
export class RoleAssignmentsController {
  constructor(
    private readonly userRoles: UserRolesService,
    private readonly effective: EffectivePermissionsService,
  ) {}

  @ManagementRoute(routes.listUserRoles)
  async list(@CurrentTenant() tenant: TenantRecord, @Param('userId') userId: string) {
    return this.userRoles.list(tenant, userId);
  }

  @ManagementRoute(routes.assignUserRoles)
  async assign(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
    @ContractBody(routes.assignUserRoles) body: TAssignUserRolesRequest,
  ) {
    await this.userRoles.assign(actor, tenant, userId, body.roleIds);
  }

  @ManagementRoute(routes.removeUserRole)
  async remove(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
    @Param('roleId') roleId: string,
  ) {
    await this.userRoles.remove(actor, tenant, userId, roleId);
  }

  @ManagementRoute(routes.assignRoleToUsers)
  async assignToUsers(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
    @ContractBody(routes.assignRoleToUsers) body: TAssignRoleToUsersRequest,
  ) {
    const target = tenant;
    return this.userRoles.assignToUsers(actor, target, roleId, body.userIds);
  }

  @ManagementRoute(routes.getUserPermissions)
  async permissions(
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
    @ContractQuery(routes.getUserPermissions) query: TUserPermissionsQuery,
  ) {
    return this.effective.get(tenant, userId, query);
  }
}
