import { Module } from '@nestjs/common';
import { TxtLookup } from '../../platform/dns/txt-lookup.js';
import { CustomDomainsRepository } from './custom-domains.repository.js';
import { CustomDomainsService } from './custom-domains.service.js';
import { TenancyRepository } from './tenancy.repository.js';
import { TenancyService } from './tenancy.service.js';

@Module({
  providers: [TenancyRepository, TenancyService, CustomDomainsRepository, CustomDomainsService, TxtLookup],
  exports: [TenancyService, CustomDomainsService],
})
export class TenancyModule {}
