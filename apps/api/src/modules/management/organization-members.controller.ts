import {
  organizationMemberRoutes as routes,
  type TAddOrganizationMemberRequest,
  type TSetOrganizationMemberRolesRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import type { z } from 'zod';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { MembersService } from '../organizations/members.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

type TPageQuery = z.infer<NonNullable<typeof routes.listOrganizationMembers.query>>;

@Controller()
export class OrganizationMembersController {
  constructor(private readonly members: MembersService) {}

  @ManagementRoute(routes.listOrganizationMembers)
  async list(
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractQuery(routes.listOrganizationMembers) query: TPageQuery,
  ) {
    return this.members.list(tenant, organizationId, query);
  }

  @ManagementRoute(routes.addOrganizationMember)
  async add(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractBody(routes.addOrganizationMember) body: TAddOrganizationMemberRequest,
  ) {
    return this.members.add(actor, tenant, organizationId, body);
  }

  @ManagementRoute(routes.removeOrganizationMember)
  async remove(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
  ) {
    await this.members.remove(actor, tenant, organizationId, userId);
  }

  @ManagementRoute(routes.setOrganizationMemberRoles)
  async setRoles(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
    @ContractBody(routes.setOrganizationMemberRoles) body: TSetOrganizationMemberRolesRequest,
  ) {
    const target = tenant;
    return this.members.setRoles(actor, target, organizationId, userId, body);
  }
}
