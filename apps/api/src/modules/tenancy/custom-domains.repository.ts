import { Inject, Injectable } from '@nestjs/common';
import type { CustomDomain, PrismaClient } from '../../generated/prisma/client.js';
import { PRISMA } from '../../platform/runtime/runtime.tokens.js';
import type { TenantRecord } from './tenancy.repository.js';

export type CustomDomainRow = CustomDomain;

/**
 * `custom_domains` is platform-level: an incoming Host is mapped to its tenant before any tenant is
 * known. Every method but `findVerifiedTenant` still takes the tenant and treats others' rows as absent.
 */
@Injectable()
export class CustomDomainsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  list(tenantId: string): Promise<CustomDomainRow[]> {
    return this.prisma.customDomain.findMany({ where: { tenantId }, orderBy: { hostname: 'asc' } });
  }

  find(tenantId: string, id: string): Promise<CustomDomainRow | null> {
    return this.prisma.customDomain.findFirst({ where: { tenantId, id } });
  }

  /** `null` when any tenant already claims the hostname (the unique index decides). */
  async create(
    tenantId: string,
    hostname: string,
    verificationToken: string,
  ): Promise<CustomDomainRow | null> {
    const rows = await this.prisma.customDomain.createManyAndReturn({
      data: [{ tenantId, hostname, verificationToken }],
      skipDuplicates: true,
    });
    return rows[0] ?? null;
  }

  async markVerified(tenantId: string, id: string): Promise<CustomDomainRow | null> {
    await this.prisma.customDomain.updateMany({
      where: { tenantId, id, verifiedAt: null },
      data: { verifiedAt: new Date() },
    });
    return this.find(tenantId, id);
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.customDomain.deleteMany({ where: { tenantId, id } });
    return count === 1;
  }

  /** The tenant a verified hostname serves, for request routing. */
  async findVerifiedTenant(hostname: string): Promise<TenantRecord | null> {
    const row = await this.prisma.customDomain.findFirst({
      where: { hostname, verifiedAt: { not: null } },
      select: {
        tenant: { select: { id: true, slug: true, displayName: true, status: true, isSystem: true } },
      },
    });
    return row?.tenant ?? null;
  }
}
