import { Module } from '@nestjs/common';
import { TxtLookup } from '../../platform/dns/txt-lookup.js';
import { SigningKeysModule } from '../signing-keys/signing-keys.module.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import { CustomDomainsRepository } from './custom-domains.repository.js';
import { CustomDomainsService } from './custom-domains.service.js';
import { TenancyRepository } from './tenancy.repository.js';
import { TenancyService } from './tenancy.service.js';
import { TENANT_PROVISIONERS, type TenantProvisioner } from './tenant-provisioning.js';

@Module({
  imports: [SigningKeysModule],
  providers: [
    TenancyRepository,
    TenancyService,
    CustomDomainsRepository,
    CustomDomainsService,
    TxtLookup,
    // What a new tenant gets in the transaction that creates it.
    {
      provide: TENANT_PROVISIONERS,
      useFactory: (signingKeys: SigningKeysService): TenantProvisioner[] => [signingKeys],
      inject: [SigningKeysService],
    },
  ],
  exports: [TenancyService, CustomDomainsService],
})
export class TenancyModule {}
