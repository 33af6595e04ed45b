import {
  userRoutes as routes,
  type TCreateUserRequest,
  type TListUsersQuery,
  type TUpdateUserRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal.js';
import { TenantAccess } from '../../platform/auth/tenant-access.js';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentPrincipal,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { UsersService } from '../identity/users.service.js';

@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly access: TenantAccess,
  ) {}

  @ManagementRoute(routes.listUsers)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @ContractQuery(routes.listUsers) query: TListUsersQuery,
  ) {
    return this.users.list(await this.access.resolve(principal, tenant), query);
  }

  @ManagementRoute(routes.createUser)
  async create(
    @CurrentActor() actor: Actor,
    @Param('tenant') tenant: string,
    @ContractBody(routes.createUser) body: TCreateUserRequest,
  ) {
    return this.users.create(actor, await this.access.resolve(actor.principal, tenant), body);
  }

  @ManagementRoute(routes.getUser)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant') tenant: string,
    @Param('userId') userId: string,
  ) {
    return this.users.get(await this.access.resolve(principal, tenant), userId);
  }

  @ManagementRoute(routes.updateUser)
  async update(
    @CurrentActor() actor: Actor,
    @Param('tenant') tenant: string,
    @Param('userId') userId: string,
    @ContractBody(routes.updateUser) body: TUpdateUserRequest,
  ) {
    return this.users.update(actor, await this.access.resolve(actor.principal, tenant), userId, body);
  }

  @ManagementRoute(routes.deleteUser)
  async delete(
    @CurrentActor() actor: Actor,
    @Param('tenant') tenant: string,
    @Param('userId') userId: string,
  ) {
    await this.users.delete(actor, await this.access.resolve(actor.principal, tenant), userId);
  }

  @ManagementRoute(routes.eraseUser)
  async erase(
    @CurrentActor() actor: Actor,
    @Param('tenant') tenant: string,
    @Param('userId') userId: string,
  ) {
    await this.users.erase(actor, await this.access.resolve(actor.principal, tenant), userId);
  }
}
