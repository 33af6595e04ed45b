import {
  userRoutes as routes,
  type TCreateUserRequest,
  type TListUsersQuery,
  type TUpdateUserRequest,
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
import { UsersService } from '../identity/users.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ManagementRoute(routes.listUsers)
  list(@CurrentTenant() tenant: TenantRecord, @ContractQuery(routes.listUsers) query: TListUsersQuery) {
    return this.users.list(tenant, query);
  }

  @ManagementRoute(routes.createUser)
  create(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.createUser) body: TCreateUserRequest,
  ) {
    return this.users.create(actor, tenant, body);
  }

  @ManagementRoute(routes.getUser)
  get(@CurrentTenant() tenant: TenantRecord, @Param('userId') userId: string) {
    return this.users.get(tenant, userId);
  }

  @ManagementRoute(routes.updateUser)
  update(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
    @ContractBody(routes.updateUser) body: TUpdateUserRequest,
  ) {
    return this.users.update(actor, tenant, userId, body);
  }

  @ManagementRoute(routes.deleteUser)
  async delete(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
  ) {
    await this.users.delete(actor, tenant, userId);
  }

  @ManagementRoute(routes.eraseUser)
  async erase(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('userId') userId: string,
  ) {
    await this.users.erase(actor, tenant, userId);
  }
}
