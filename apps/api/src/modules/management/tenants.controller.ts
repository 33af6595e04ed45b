import {
  tenantRoutes as routes,
  type TCreateTenantRequest,
  type TListTenantsQuery,
  type TUpdateTenantRequest,
} from '@latchkey/contracts';
import { Controller } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal.js';
import {
  ContractBody,
  ContractQuery,
  CurrentPrincipal,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';

/** Scopes are enforced by ManagementRoute from each route's contract (platform / tenant). */
@Controller()
export class TenantsController {
  constructor(private readonly tenancy: TenancyService) {}

  @ManagementRoute(routes.listTenants)
  list(@ContractQuery(routes.listTenants) query: TListTenantsQuery) {
    return this.tenancy.list(query);
  }

  @ManagementRoute(routes.createTenant)
  create(@ContractBody(routes.createTenant) body: TCreateTenantRequest) {
    return this.tenancy.create(body);
  }

  @ManagementRoute(routes.getTenant)
  get(@CurrentTenant() tenant: TenantRecord) {
    return this.tenancy.get(tenant);
  }

  @ManagementRoute(routes.updateTenant)
  update(
    @CurrentPrincipal() principal: Principal,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.updateTenant) body: TUpdateTenantRequest,
  ) {
    return this.tenancy.update(tenant, body, principal.platform);
  }
}
