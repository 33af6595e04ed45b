import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { TenantSql } from '../database/tenant-sql.js';
import { ChangeBus } from '../events/change-bus.js';
import type { Runtime } from './runtime.js';
import { JOBS, PRISMA, RUNTIME } from './runtime.tokens.js';

/** Hands the process' Runtime (built before Nest starts) to every module. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: RUNTIME, useValue: runtime },
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: PRISMA, useValue: runtime.prisma },
      { provide: JOBS, useValue: runtime.jobs },
      { provide: SecretBox, useValue: new SecretBox(runtime.masterKey) },
      { provide: ChangeBus, useValue: runtime.changes },
      { provide: TenantSql, useValue: runtime.sql },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}
