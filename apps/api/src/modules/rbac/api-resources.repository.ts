import { Injectable } from '@nestjs/common';
import type { ApiResource, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { containsText } from './keyset-page.js';
import { lockRows } from './row-locks.js';

export type ApiResourceRow = ApiResource;

/**
 * `api_resources` is tenant-owned: every method takes the tenant and the caller's tenant
 * transaction (opened by the service, which records the audit event in the same one).
 */
@Injectable()
export class ApiResourcesRepository {
  /** By identifier (unique per tenant, so it is also the keyset position). */
  list(
    tx: TenantTransaction,
    tenantId: string,
    q: string | undefined,
    limit: number,
    afterIdentifier?: string,
  ): Promise<ApiResourceRow[]> {
    const where: Prisma.ApiResourceWhereInput = {
      tenantId,
      ...(q === undefined ? {} : { OR: [{ name: containsText(q) }, { identifier: containsText(q) }] }),
      ...(afterIdentifier === undefined ? {} : { identifier: { gt: afterIdentifier } }),
    };
    return tx.apiResource.findMany({ where, orderBy: { identifier: 'asc' }, take: limit });
  }

  findByIdentifier(tx: TenantTransaction, tenantId: string, identifier: string) {
    return tx.apiResource.findUnique({
      where: { tenantId_identifier: { tenantId, identifier } },
      include: { permissions: { select: { name: true }, orderBy: { name: 'asc' } } },
    });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<ApiResourceRow | null> {
    return tx.apiResource.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /** Whether it exists; if so it cannot be deleted before this transaction ends. */
  async lock(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    return (await lockRows(tx, 'api_resources', tenantId, [id])).has(id);
  }

  /** Throws P2002 when the identifier is taken (the unique index decides, so races are safe). */
  create(
    tx: TenantTransaction,
    tenantId: string,
    fields: { identifier: string; name: string; accessTokenFormat?: string },
  ): Promise<ApiResourceRow> {
    return tx.apiResource.create({ data: { tenantId, ...fields } });
  }

  /** `null` when the tenant has no such resource. */
  async update(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    fields: { name?: string; accessTokenFormat?: string },
  ): Promise<ApiResourceRow | null> {
    const [row] = await tx.apiResource.updateManyAndReturn({ where: { tenantId, id }, data: fields });
    return row ?? null;
  }

  /** Its permissions (and their grants to roles) go with it, by the foreign keys' ON DELETE CASCADE. */
  async delete(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    return (await tx.apiResource.deleteMany({ where: { tenantId, id } })).count === 1;
  }
}
