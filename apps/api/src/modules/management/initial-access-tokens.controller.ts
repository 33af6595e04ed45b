import {
  initialAccessTokenRoutes as routes,
  type TCreateInitialAccessTokenRequest,
  type TListInitialAccessTokensQuery,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { InitialAccessTokensService } from '../applications/initial-access-tokens.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Initial access tokens for OAuth dynamic client registration (docs/dynamic-registration.md). */
@Controller()
export class InitialAccessTokensController {
  constructor(private readonly tokens: InitialAccessTokensService) {}

  @ManagementRoute(routes.listInitialAccessTokens)
  list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listInitialAccessTokens) query: TListInitialAccessTokensQuery,
  ) {
    return this.tokens.list(tenant, query);
  }

  @ManagementRoute(routes.createInitialAccessToken)
  create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createInitialAccessToken) body: TCreateInitialAccessTokenRequest,
  ) {
    return this.tokens.create(actor, tenant, body);
  }

  @ManagementRoute(routes.revokeInitialAccessToken)
  async revoke(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('initialAccessTokenId') id: string,
  ) {
    await this.tokens.revoke(actor, tenant, id);
  }
}
