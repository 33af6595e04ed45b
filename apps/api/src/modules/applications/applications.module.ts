import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApplicationApiAccessRepository } from './application-api-access.repository.js';
import { ApplicationApiAccessService } from './application-api-access.service.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import { ApplicationSecretsService } from './application-secrets.service.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { InitialAccessTokensRepository } from './initial-access-tokens.repository.js';
import { InitialAccessTokensService } from './initial-access-tokens.service.js';

/**
 * Applications (the tenant's OAuth clients), their client secrets, who may register them, and which
 * API resources m2m applications may get tokens for.
 */
@Module({
  imports: [AuditModule],
  providers: [
    ApplicationsRepository,
    ApplicationSecretsRepository,
    InitialAccessTokensRepository,
    ApplicationApiAccessRepository,
    ApplicationsService,
    ApplicationSecretsService,
    InitialAccessTokensService,
    ApplicationApiAccessService,
  ],
  exports: [
    ApplicationsService,
    ApplicationSecretsService,
    InitialAccessTokensService,
    ApplicationApiAccessService,
  ],
})
export class ApplicationsModule {}
