import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SigningKeysRepository } from './signing-keys.repository.js';
import { SigningKeysService } from './signing-keys.service.js';

/** Per-tenant token signing keys: generation, sealing, rotation, and the key set of the OIDC provider. */
@Module({
  imports: [AuditModule],
  providers: [SigningKeysRepository, SigningKeysService],
  exports: [SigningKeysService],
})
export class SigningKeysModule {}
