import { type DynamicModule, Module } from '@nestjs/common';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ManagementModule } from './modules/management/management.module.js';
import { OidcModule } from './modules/oidc/oidc.module.js';
import { TenancyModule } from './modules/tenancy/tenancy.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import type { Runtime } from './platform/runtime/runtime.js';
import { RuntimeModule } from './platform/runtime/runtime.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        DatabaseModule,
        TenancyModule,
        HealthModule,
        ManagementModule,
        OidcModule,
        ...(runtime.config.diagnosticsEnabled ? [DiagnosticsModule] : []),
      ],
    };
  }
}
