import {
  applicationRoutes as routes,
  type TCreateApplicationRequest,
  type TListApplicationsQuery,
  type TRotateApplicationSecretRequest,
  type TUpdateApplicationRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { ApplicationSecretsService } from '../applications/application-secrets.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Applications (OAuth clients) and their client secrets. */
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly secrets: ApplicationSecretsService,
  ) {}

  @ManagementRoute(routes.listApplications)
  async list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listApplications) query: TListApplicationsQuery,
  ) {
    return this.applications.list(tenant, query);
  }

  @ManagementRoute(routes.createApplication)
  async create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createApplication) body: TCreateApplicationRequest,
  ) {
    return this.applications.create(actor, tenant, body);
  }

  @ManagementRoute(routes.getApplication)
  async get(@CurrentTenant() tenant: TenantRecord, @Param('applicationId') id: string) {
    return this.applications.get(tenant, id);
  }

  @ManagementRoute(routes.updateApplication)
  async update(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('applicationId') id: string,
    @ContractBody(routes.updateApplication) body: TUpdateApplicationRequest,
  ) {
    return this.applications.update(actor, tenant, id, body);
  }

  @ManagementRoute(routes.deleteApplication)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('applicationId') id: string,
  ) {
    await this.applications.delete(actor, tenant, id);
  }

  @ManagementRoute(routes.listApplicationSecrets)
  async listSecrets(@CurrentTenant() tenant: TenantRecord, @Param('applicationId') id: string) {
    return this.secrets.list(tenant, id);
  }

  @ManagementRoute(routes.rotateApplicationSecret)
  async rotateSecret(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('applicationId') id: string,
    @ContractBody(routes.rotateApplicationSecret) body: TRotateApplicationSecretRequest,
  ) {
    return this.secrets.rotate(actor, tenant, id, body);
  }
}
