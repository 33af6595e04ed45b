import {
  organizationRoutes as routes,
  type TCreateOrganizationRequest,
  type TListOrganizationsQuery,
  type TUpdateOrganizationRequest,
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
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ManagementRoute(routes.listOrganizations)
  async list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listOrganizations) query: TListOrganizationsQuery,
  ) {
    return this.organizations.list(tenant, query);
  }

  @ManagementRoute(routes.createOrganization)
  async create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createOrganization) body: TCreateOrganizationRequest,
  ) {
    return this.organizations.create(actor, tenant, body);
  }

  @ManagementRoute(routes.getOrganization)
  async get(@CurrentTenant() tenant: TenantRecord, @Param('organizationId') organizationId: string) {
    return this.organizations.get(tenant, organizationId);
  }

  @ManagementRoute(routes.updateOrganization)
  async update(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractBody(routes.updateOrganization) body: TUpdateOrganizationRequest,
  ) {
    return this.organizations.update(actor, tenant, organizationId, body);
  }

  @ManagementRoute(routes.deleteOrganization)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
  ) {
    await this.organizations.delete(actor, tenant, organizationId);
  }
}
