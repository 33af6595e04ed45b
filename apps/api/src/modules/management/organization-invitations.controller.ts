import {
  organizationMemberRoutes as routes,
  type TAcceptInvitationRequest,
  type TCreateInvitationRequest,
  type TListInvitationsQuery,
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
import { InvitationsService } from '../organizations/invitations.service.js';
import { AcceptInvitation } from '../organizations/use-cases/accept-invitation.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class OrganizationInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly acceptInvitation: AcceptInvitation,
  ) {}

  @ManagementRoute(routes.listOrganizationInvitations)
  async list(
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractQuery(routes.listOrganizationInvitations) query: TListInvitationsQuery,
  ) {
    return this.invitations.list(tenant, organizationId, query);
  }

  @ManagementRoute(routes.createOrganizationInvitation)
  async create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @ContractBody(routes.createOrganizationInvitation) body: TCreateInvitationRequest,
  ) {
    return this.invitations.create(actor, tenant, organizationId, body);
  }

  @ManagementRoute(routes.revokeOrganizationInvitation)
  async revoke(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('organizationId') organizationId: string,
    @Param('invitationId') invitationId: string,
  ) {
    const target = tenant;
    await this.invitations.revoke(actor, target, organizationId, invitationId);
  }

  /** Management-side acceptance; the hosted page of F4 will call the same use case. */
  @ManagementRoute(routes.acceptInvitation)
  async accept(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.acceptInvitation) body: TAcceptInvitationRequest,
  ) {
    return this.acceptInvitation.execute(actor, tenant, body);
  }
}
