import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { PRISMA } from '../../platform/runtime/runtime.tokens.js';

export interface TenantRecord {
  id: string;
  slug: string;
  displayName: string;
  status: 'active' | 'suspended';
}

/** `tenants` is a platform-level table: the one repository allowed to read it without a tenant. */
@Injectable()
export class TenancyRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findBySlug(slug: string): Promise<TenantRecord | null> {
    return this.prisma.tenant.findUnique({
      where: { slug },
      select: { id: true, slug: true, displayName: true, status: true },
    });
  }
}
