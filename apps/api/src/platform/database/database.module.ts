import { Global, Module } from '@nestjs/common';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { PRISMA } from '../runtime/runtime.tokens.js';
import { TenantDatabase } from './tenant-database.js';

/** Provides TenantDatabase, the one door to tenant-owned tables, to every module. */
@Global()
@Module({
  providers: [
    {
      provide: TenantDatabase,
      useFactory: (prisma: PrismaClient) => new TenantDatabase(prisma),
      inject: [PRISMA],
    },
  ],
  exports: [TenantDatabase],
})
export class DatabaseModule {}
