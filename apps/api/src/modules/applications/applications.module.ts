import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import { ApplicationSecretsService } from './application-secrets.service.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';

/** Applications (the tenant's OAuth clients) and their client secrets. */
@Module({
  imports: [AuditModule],
  providers: [
    ApplicationsRepository,
    ApplicationSecretsRepository,
    ApplicationsService,
    ApplicationSecretsService,
  ],
  exports: [ApplicationsService, ApplicationSecretsService],
})
export class ApplicationsModule {}
