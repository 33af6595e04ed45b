import { Injectable } from '@nestjs/common';
import type { OrganizationDomain } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type DomainRow = OrganizationDomain;

/** `organization_domains` is tenant-owned; methods run in the caller's tenant transaction. */
@Injectable()
export class DomainsRepository {
  list(tx: TenantTransaction, tenantId: string, organizationId: string): Promise<DomainRow[]> {
    return tx.organizationDomain.findMany({
      where: { tenantId, organizationId },
      orderBy: { domain: 'asc' },
    });
  }

  /** `null` when an organization of the tenant claims the domain already (the unique index decides). */
  async add(
    tx: TenantTransaction,
    tenantId: string,
    data: { organizationId: string; domain: string; verificationToken: string },
  ): Promise<DomainRow | null> {
    const [row] = await tx.organizationDomain.createManyAndReturn({
      data: [{ tenantId, ...data }],
      skipDuplicates: true,
    });
    return row ?? null;
  }

  find(
    tx: TenantTransaction,
    tenantId: string,
    organizationId: string,
    id: string,
  ): Promise<DomainRow | null> {
    return tx.organizationDomain.findFirst({ where: { tenantId, organizationId, id } });
  }

  /**
   * Marks the domain verified if it is still the one that was checked: same challenge, not verified
   * meanwhile. `null` when it is not (deleted, re-added with a new challenge, or verified already).
   */
  async markVerified(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    verificationToken: string,
  ): Promise<DomainRow | null> {
    const [row] = await tx.organizationDomain.updateManyAndReturn({
      where: { tenantId, id, verificationToken, verifiedAt: null },
      data: { verifiedAt: new Date() },
    });
    return row ?? null;
  }

  async delete(
    tx: TenantTransaction,
    tenantId: string,
    organizationId: string,
    id: string,
  ): Promise<boolean> {
    const { count } = await tx.organizationDomain.deleteMany({ where: { tenantId, organizationId, id } });
    return count === 1;
  }
}
