import {
  roleRoutes as routes,
  type TCreateRoleRequest,
  type TListRolesQuery,
  type TSetRolePermissionsRequest,
  type TUpdateRoleRequest,
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
import { RolePermissionsService } from '../rbac/role-permissions.service.js';
import { RolesService } from '../rbac/roles.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Roles and the permissions they grant. */
@Controller()
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly grants: RolePermissionsService,
  ) {}

  @ManagementRoute(routes.listRoles)
  async list(@CurrentTenant() tenant: TenantRecord, @ContractQuery(routes.listRoles) query: TListRolesQuery) {
    return this.roles.list(tenant, query);
  }

  @ManagementRoute(routes.createRole)
  async create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createRole) body: TCreateRoleRequest,
  ) {
    return this.roles.create(actor, tenant, body);
  }

  @ManagementRoute(routes.getRole)
  async get(@CurrentTenant() tenant: TenantRecord, @Param('roleId') roleId: string) {
    return this.roles.get(tenant, roleId);
  }

  @ManagementRoute(routes.updateRole)
  async update(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
    @ContractBody(routes.updateRole) body: TUpdateRoleRequest,
  ) {
    return this.roles.update(actor, tenant, roleId, body);
  }

  @ManagementRoute(routes.deleteRole)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
  ) {
    await this.roles.delete(actor, tenant, roleId);
  }

  @ManagementRoute(routes.setRolePermissions)
  async setPermissions(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
    @ContractBody(routes.setRolePermissions) body: TSetRolePermissionsRequest,
  ) {
    const target = tenant;
    return this.grants.set(actor, target, roleId, body.permissionIds);
  }

  @ManagementRoute(routes.addRolePermission)
  async addPermission(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
    @Param('permissionId') permissionId: string,
  ) {
    await this.grants.add(actor, tenant, roleId, permissionId);
  }

  @ManagementRoute(routes.removeRolePermission)
  async removePermission(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('roleId') roleId: string,
    @Param('permissionId') permissionId: string,
  ) {
    await this.grants.remove(actor, tenant, roleId, permissionId);
  }
}
