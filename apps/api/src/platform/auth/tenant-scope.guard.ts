import type { RouteContract } from '@latchkey/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { TenantRecord } from '../../modules/tenancy/tenancy.repository.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from './principal.js';
import { TenantAccess } from './tenant-access.js';

/** Where the guard leaves the tenant a route acts on. */
export const TENANT_KEY = 'latchkeyTenant';
export type RequestWithTenant = RequestWithPrincipal & { [TENANT_KEY]?: TenantRecord };

/** Metadata key under which ManagementRoute stores the route's contract. */
export const ROUTE_CONTRACT = 'latchkey:route-contract';

/**
 * Enforces a route's declared scope before its handler runs, so isolation does not depend on each
 * controller remembering to check: `platform` routes need a platform credential; routes with a
 * `{tenant}` segment get that tenant resolved against the caller (another tenant's is a 404).
 */
@Injectable()
export class TenantScopeGuard implements CanActivate {
  constructor(
    private readonly access: TenantAccess,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    const req = context.switchToHttp().getRequest<Request & RequestWithTenant>();
    const principal = req[PRINCIPAL_KEY];
    if (!route || !principal)
      throw new Error('TenantScopeGuard needs ManagementRoute and an authenticated principal');
    const slug = req.params.tenant;
    if (typeof slug === 'string') req[TENANT_KEY] = await this.access.resolve(principal, slug);
    if (route.scope === 'platform') this.access.requirePlatform(principal);
    return true;
  }
}
