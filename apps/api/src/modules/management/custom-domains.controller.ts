import { customDomainRoutes as routes, type TAddCustomDomainRequest } from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import { ContractBody, CurrentTenant, ManagementRoute } from '../../platform/http/route.decorator.js';
import { CustomDomainsService } from '../tenancy/custom-domains.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class CustomDomainsController {
  constructor(private readonly domains: CustomDomainsService) {}

  @ManagementRoute(routes.listCustomDomains)
  list(@CurrentTenant() tenant: TenantRecord) {
    return this.domains.list(tenant);
  }

  @ManagementRoute(routes.addCustomDomain)
  add(
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.addCustomDomain) body: TAddCustomDomainRequest,
  ) {
    return this.domains.add(tenant, body);
  }

  @ManagementRoute(routes.verifyCustomDomain)
  verify(@CurrentTenant() tenant: TenantRecord, @Param('customDomainId') id: string) {
    return this.domains.verify(tenant, id);
  }

  @ManagementRoute(routes.removeCustomDomain)
  async remove(@CurrentTenant() tenant: TenantRecord, @Param('customDomainId') id: string) {
    await this.domains.remove(tenant, id);
  }
}
