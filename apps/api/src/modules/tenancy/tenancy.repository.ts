import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient, Tenant } from '../../generated/prisma/client.js';
import { enterTenant, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { PRISMA } from '../../platform/runtime/runtime.tokens.js';

export interface TenantRecord {
  id: string;
  slug: string;
  displayName: string;
  status: 'active' | 'suspended';
  isSystem: boolean;
}

export type TenantRow = Tenant;

const RECORD = { id: true, slug: true, displayName: true, status: true, isSystem: true } as const;

/** `tenants` is a platform-level table: the one repository allowed to read it without a tenant. */
@Injectable()
export class TenancyRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findBySlug(slug: string): Promise<TenantRecord | null> {
    return this.prisma.tenant.findUnique({ where: { slug }, select: RECORD });
  }

  getBySlug(slug: string): Promise<TenantRow | null> {
    return this.prisma.tenant.findUnique({ where: { slug } });
  }

  /** Ordered by slug; `afterSlug` continues after that one. */
  list(filter: { q?: string; status?: TenantRecord['status'] }, limit: number, afterSlug?: string) {
    const where: Prisma.TenantWhereInput = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.q
        ? {
            OR: [
              { slug: { contains: filter.q, mode: 'insensitive' } },
              { displayName: { contains: filter.q, mode: 'insensitive' } },
            ],
          }
        : {}),
      ...(afterSlug ? { slug: { gt: afterSlug } } : {}),
    };
    return this.prisma.tenant.findMany({ where, orderBy: { slug: 'asc' }, take: limit });
  }

  /**
   * `null` when the slug is taken (the unique index decides, so concurrent creates are safe). `provision`
   * runs in the same transaction, entered as the new tenant (row-level security applies to it).
   */
  async create(
    data: { slug: string; displayName: string; settings: object },
    provision: (tx: TenantTransaction, row: TenantRow) => Promise<void> = async () => undefined,
  ): Promise<TenantRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.tenant.createManyAndReturn({ data: [data], skipDuplicates: true });
      if (!row) return null;
      await enterTenant(tx, row.id);
      await provision(tx, row);
      return row;
    });
  }

  update(id: string, data: Prisma.TenantUpdateInput): Promise<TenantRow> {
    return this.prisma.tenant.update({ where: { id }, data });
  }
}
