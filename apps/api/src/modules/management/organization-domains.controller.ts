import { organizationRoutes as routes, type TAddOrganizationDomainRequest } from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { DomainsService } from '../organizations/domains.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class OrganizationDomainsController {
  constructor(private readonly domains: DomainsService) {}

  @ManagementRoute(routes.listOrganizationDomains)
  async list(@CurrentTenant() tenant: TenantRecord, @Param('organizationId') organizationId: string) {
    return this.domains.list(tenant, organizationId);
  }

  @ManagementRoute(routes.addOrganizationDomain)
  async add(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractBody(routes.addOrganizationDomain) body: TAddOrganizationDomainRequest,
  ) {
    return this.domains.add(actor, tenant, organizationId, body);
  }

  @ManagementRoute(routes.verifyOrganizationDomain)
  async verify(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @Param('domainId') domainId: string,
  ) {
    return this.domains.verify(actor, tenant, organizationId, domainId);
  }

  @ManagementRoute(routes.deleteOrganizationDomain)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @Param('domainId') domainId: string,
  ) {
    await this.domains.delete(actor, tenant, organizationId, domainId);
  }
}
