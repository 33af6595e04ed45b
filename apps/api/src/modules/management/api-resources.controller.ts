import {
  apiResourceRoutes as routes,
  type TCreateApiResourceRequest,
  type TCreatePermissionRequest,
  type TListApiResourcesQuery,
  type TListPermissionsQuery,
  type TUpdateApiResourceRequest,
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
import { ApiResourcesService } from '../rbac/api-resources.service.js';
import { PermissionsService } from '../rbac/permissions.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** API resources and the permissions each defines. */
@Controller()
export class ApiResourcesController {
  constructor(
    private readonly resources: ApiResourcesService,
    private readonly permissions: PermissionsService,
  ) {}

  @ManagementRoute(routes.listApiResources)
  async list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listApiResources) query: TListApiResourcesQuery,
  ) {
    return this.resources.list(tenant, query);
  }

  @ManagementRoute(routes.createApiResource)
  async create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createApiResource) body: TCreateApiResourceRequest,
  ) {
    return this.resources.create(actor, tenant, body);
  }

  @ManagementRoute(routes.getApiResource)
  async get(@CurrentTenant() tenant: TenantRecord, @Param('apiResourceId') id: string) {
    return this.resources.get(tenant, id);
  }

  @ManagementRoute(routes.updateApiResource)
  async update(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('apiResourceId') id: string,
    @ContractBody(routes.updateApiResource) body: TUpdateApiResourceRequest,
  ) {
    return this.resources.update(actor, tenant, id, body);
  }

  @ManagementRoute(routes.deleteApiResource)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('apiResourceId') id: string,
  ) {
    await this.resources.delete(actor, tenant, id);
  }

  @ManagementRoute(routes.listPermissions)
  async listPermissions(
    @CurrentTenant() tenant: TenantRecord,
    @Param('apiResourceId') id: string,
    @ContractQuery(routes.listPermissions) query: TListPermissionsQuery,
  ) {
    return this.permissions.list(tenant, id, query);
  }

  @ManagementRoute(routes.createPermission)
  async createPermission(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('apiResourceId') id: string,
    @ContractBody(routes.createPermission) body: TCreatePermissionRequest,
  ) {
    return this.permissions.create(actor, tenant, id, body);
  }

  @ManagementRoute(routes.deletePermission)
  async deletePermission(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('apiResourceId') id: string,
    @Param('permissionId') permissionId: string,
  ) {
    await this.permissions.delete(actor, tenant, id, permissionId);
  }
}
