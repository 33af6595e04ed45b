import {
  tenantRoutes as routes,
  type TCreateTenantRequest,
  type TListTenantsQuery,
  type TUpdateTenantRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal.js';
import { TenantAccess } from '../../platform/auth/tenant-access.js';
import {
  ContractBody,
  ContractQuery,
  CurrentPrincipal,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { TenancyService } from '../tenancy/tenancy.service.js';

@Controller()
export class TenantsController {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly access: TenantAccess,
  ) {}

  @ManagementRoute(routes.listTenants)
  list(
    @CurrentPrincipal() principal: Principal,
    @ContractQuery(routes.listTenants) query: TListTenantsQuery,
  ) {
    this.access.requirePlatform(principal);
    return this.tenancy.list(query);
  }

  @ManagementRoute(routes.createTenant)
  create(
    @CurrentPrincipal() principal: Principal,
    @ContractBody(routes.createTenant) body: TCreateTenantRequest,
  ) {
    this.access.requirePlatform(principal);
    return this.tenancy.create(body);
  }

  @ManagementRoute(routes.getTenant)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant') tenant: string) {
    return this.tenancy.get(await this.access.resolve(principal, tenant));
  }

  @ManagementRoute(routes.updateTenant)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @ContractBody(routes.updateTenant) body: TUpdateTenantRequest,
  ) {
    return this.tenancy.update(await this.access.resolve(principal, tenant), body, principal.platform);
  }
}
