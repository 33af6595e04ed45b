import { signingKeyRoutes as routes, type TRotateSigningKeysRequest } from '@latchkey/contracts';
import { Controller } from '@nestjs/common';
import {
  ContractBody,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** The tenant's token signing keys: public metadata and rotation (private keys never leave the server). */
@Controller()
export class SigningKeysController {
  constructor(private readonly signingKeys: SigningKeysService) {}

  @ManagementRoute(routes.listSigningKeys)
  list(@CurrentTenant() tenant: TenantRecord) {
    return this.signingKeys.list(tenant);
  }

  @ManagementRoute(routes.rotateSigningKeys)
  rotate(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.rotateSigningKeys) body: TRotateSigningKeysRequest,
  ) {
    return this.signingKeys.rotate(actor, tenant, body);
  }
}
