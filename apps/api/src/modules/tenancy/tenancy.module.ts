import { Module } from '@nestjs/common';
import { TenancyRepository } from './tenancy.repository.js';
import { TenancyService } from './tenancy.service.js';

@Module({ providers: [TenancyRepository, TenancyService], exports: [TenancyService] })
export class TenancyModule {}
