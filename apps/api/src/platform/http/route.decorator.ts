import { expressPath, type RouteContract } from '@latchkey/contracts';
import {
  applyDecorators,
  Body,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../modules/audit/audit.types.js';
import type { TenantRecord } from '../../modules/tenancy/tenancy.repository.js';
import { ManagementAuthGuard } from '../auth/management-auth.guard.js';
import { PRINCIPAL_KEY, type Principal, type RequestWithPrincipal } from '../auth/principal.js';
import {
  type RequestWithTenant,
  ROUTE_CONTRACT,
  TENANT_KEY,
  TenantScopeGuard,
} from '../auth/tenant-scope.guard.js';
import { ZodPipe } from './zod-body.pipe.js';

const METHODS = { GET: Get, POST: Post, PATCH: Patch, PUT: Put, DELETE: Delete } as const;

/** Binds a handler to its management route contract: method, path, success status, authentication. */
export function ManagementRoute(route: RouteContract): MethodDecorator {
  return applyDecorators(
    METHODS[route.method](expressPath(route.path)),
    HttpCode(route.success.status),
    SetMetadata(ROUTE_CONTRACT, route),
    UseGuards(ManagementAuthGuard, TenantScopeGuard),
  );
}

/** The tenant named by the route's `{tenant}` segment, already checked against the caller. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TenantRecord => {
    const tenant = context.switchToHttp().getRequest<Request & RequestWithTenant>()[TENANT_KEY];
    if (!tenant) throw new Error('CurrentTenant on a route without a {tenant} segment');
    return tenant;
  },
);

/** The request body, validated against the route's contract. */
export const ContractBody = (route: RouteContract) => {
  if (!route.body) throw new Error(`${route.id} has no body contract`);
  return Body(new ZodPipe(route.body));
};

/** The query string, validated against the route's contract. */
export const ContractQuery = (route: RouteContract) => {
  if (!route.query) throw new Error(`${route.id} has no query contract`);
  return Query(new ZodPipe(route.query));
};

/** The authenticated caller (set by ManagementAuthGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request & RequestWithPrincipal>()[PRINCIPAL_KEY];
    if (!principal) throw new Error('ManagementRoute guard did not run');
    return principal;
  },
);

/** The caller plus where the request came from, for services that record audit events. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
  const principal = req[PRINCIPAL_KEY];
  if (!principal) throw new Error('ManagementRoute guard did not run');
  return {
    principal,
    ip: req.ip,
    userAgent: req.headers['user-agent'],
    requestId: typeof req.id === 'string' ? req.id : undefined,
  };
});
