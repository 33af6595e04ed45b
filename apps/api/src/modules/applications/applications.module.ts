import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import { ApplicationSecretsService } from './application-secrets.service.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { InitialAccessTokensRepository } from './initial-access-tokens.repository.js';
import { InitialAccessTokensService } from './initial-access-tokens.service.js';

/** Applications (the tenant's OAuth clients), their client secrets, and who may register them. */
@Module({
  imports: [AuditModule],
  providers: [
    ApplicationsRepository,
    ApplicationSecretsRepository,
    InitialAccessTokensRepository,
    ApplicationsService,
    ApplicationSecretsService,
    InitialAccessTokensService,
  ],
  exports: [ApplicationsService, ApplicationSecretsService, InitialAccessTokensService],
})
export class ApplicationsModule {}
