import { apiKeyRoutes as routes, type TCreateApiKeyRequest } from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import type { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import { TenantAccess } from '../../platform/auth/tenant-access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { isUuid } from '../../platform/http/ids.js';
import {
  ContractBody,
  ContractQuery,
  CurrentPrincipal,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';

type TPageQuery = z.infer<NonNullable<typeof routes.listApiKeys.query>>;

@Controller()
export class ApiKeysController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly access: TenantAccess,
  ) {}

  @ManagementRoute(routes.listApiKeys)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @ContractQuery(routes.listApiKeys) query: TPageQuery,
  ) {
    return this.apiKeys.list(await this.access.resolve(principal, tenant), query.limit, query.cursor);
  }

  @ManagementRoute(routes.createApiKey)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @ContractBody(routes.createApiKey) body: TCreateApiKeyRequest,
  ) {
    return this.apiKeys.create(await this.access.resolve(principal, tenant), body);
  }

  @ManagementRoute(routes.revokeApiKey)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @Param('apiKeyId') apiKeyId: string,
  ) {
    const target = await this.access.resolve(principal, tenant);
    if (!isUuid(apiKeyId)) throw AppError.notFound('No API key with this id in this tenant.');
    await this.apiKeys.revoke(target, apiKeyId);
  }
}
