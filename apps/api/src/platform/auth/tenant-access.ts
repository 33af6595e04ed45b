import { Injectable } from '@nestjs/common';
import { tenantNotFound, tenantSuspended } from '../../modules/tenancy/tenancy.errors.js';
import type { TenantRecord } from '../../modules/tenancy/tenancy.repository.js';
import { TenancyService } from '../../modules/tenancy/tenancy.service.js';
import { platformOnly } from './auth.errors.js';
import type { Principal } from './principal.js';

/**
 * Turns the `{tenant}` of a management path into the tenant the principal may act on. A tenant the
 * principal cannot see is "not found", exactly like one that does not exist: existence never leaks.
 */
@Injectable()
export class TenantAccess {
  constructor(private readonly tenancy: TenancyService) {}

  async resolve(principal: Principal, unverifiedTenant: string): Promise<TenantRecord> {
    const tenant = await this.tenancy.findBySlug(unverifiedTenant);
    if (!tenant || (!principal.platform && tenant.id !== principal.tenantId)) throw tenantNotFound();
    if (!principal.platform && tenant.status !== 'active') throw tenantSuspended();
    return tenant;
  }

  requirePlatform(principal: Principal): void {
    if (!principal.platform) throw platformOnly();
  }
}
