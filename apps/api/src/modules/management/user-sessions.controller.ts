import { userSessionRoutes as routes } from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import { CurrentActor, CurrentTenant, ManagementRoute } from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { UserSessionsService } from '../oidc/sessions/user-sessions.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** A user's SSO sessions: list, and sign-out (one session or all) with back-channel logout. */
@Controller()
export class UserSessionsController {
  constructor(private readonly sessions: UserSessionsService) {}

  @ManagementRoute(routes.listUserSessions)
  list(@CurrentTenant() tenant: TenantRecord, @Param('userId') userId: string) {
    return this.sessions.list(tenant, userId);
  }

  @ManagementRoute(routes.revokeUserSessions)
  async revokeAll(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
  ) {
    await this.sessions.revokeAll(actor, tenant, userId);
  }

  @ManagementRoute(routes.revokeUserSession)
  async revoke(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
    @Param('sessionId') sessionId: string,
  ) {
    await this.sessions.revoke(actor, tenant, userId, sessionId);
  }
}
