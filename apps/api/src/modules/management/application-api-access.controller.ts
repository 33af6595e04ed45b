import {
  applicationApiAccessRoutes as routes,
  type TSetApplicationApiAccessRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { ApplicationApiAccessService } from '../applications/application-api-access.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Which API resources an m2m application may get client_credentials tokens for. */
@Controller()
export class ApplicationApiAccessController {
  constructor(private readonly access: ApplicationApiAccessService) {}

  @ManagementRoute(routes.listApplicationApiAccess)
  async list(@CurrentTenant() tenant: TenantRecord, @Param('applicationId') applicationId: string) {
    return this.access.list(tenant, applicationId);
  }

  @ManagementRoute(routes.setApplicationApiAccess)
  async set(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('applicationId') applicationId: string,
    @Param('apiResourceId') apiResourceId: string,
    @ContractBody(routes.setApplicationApiAccess) body: TSetApplicationApiAccessRequest,
  ) {
    return this.access.set(actor, tenant, applicationId, apiResourceId, body);
  }

  @ManagementRoute(routes.deleteApplicationApiAccess)
  async remove(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('applicationId') applicationId: string,
    @Param('apiResourceId') apiResourceId: string,
  ) {
    await this.access.remove(actor, tenant, applicationId, apiResourceId);
  }
}
