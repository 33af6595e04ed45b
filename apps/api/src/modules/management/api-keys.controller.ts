import { apiKeyRoutes as routes, type TCreateApiKeyRequest } from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { isUuid } from '../../platform/http/ids.js';
import {
  ContractBody,
  ContractQuery,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

type TPageQuery = z.infer<NonNullable<typeof routes.listApiKeys.query>>;

@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @ManagementRoute(routes.listApiKeys)
  list(@CurrentTenant() tenant: TenantRecord, @ContractQuery(routes.listApiKeys) query: TPageQuery) {
    return this.apiKeys.list(tenant, query.limit, query.cursor);
  }

  @ManagementRoute(routes.createApiKey)
  create(
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createApiKey) body: TCreateApiKeyRequest,
  ) {
    return this.apiKeys.create(tenant, body);
  }

  @ManagementRoute(routes.revokeApiKey)
  async revoke(@CurrentTenant() tenant: TenantRecord, @Param('apiKeyId') apiKeyId: string) {
    if (!isUuid(apiKeyId)) throw AppError.notFound('No API key with this id in this tenant.');
    await this.apiKeys.revoke(tenant, apiKeyId);
  }
}
