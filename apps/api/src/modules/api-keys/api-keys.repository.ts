import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey, PrismaClient } from '../../generated/prisma/client.js';
import { PRISMA } from '../../platform/runtime/runtime.tokens.js';

export type ApiKeyRecord = ApiKey;

/**
 * `api_keys` is the platform's credential registry: a presented key is looked up by its public id
 * before any tenant is known, so this repository works as platform code; every other method still
 * takes the tenant and treats another tenant's key as absent.
 */
@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  create(data: {
    tenantId: string;
    name: string;
    keyId: string;
    secretHash: string;
    expiresAt: Date | null;
  }) {
    return this.prisma.apiKey.create({ data });
  }

  /** The key with what authentication needs to know of its tenant. */
  findByKeyId(keyId: string) {
    return this.prisma.apiKey.findUnique({
      where: { keyId },
      include: { tenant: { select: { isSystem: true, status: true } } },
    });
  }

  list(tenantId: string, limit: number, afterId?: string): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({
      where: { tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** `false` when the tenant has no such key (or it was revoked already). */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { tenantId, id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  exists(tenantId: string, id: string): Promise<boolean> {
    return this.prisma.apiKey.count({ where: { tenantId, id } }).then((n) => n > 0);
  }

  /** At most one write a minute per key: last-used is for humans, not an audit trail. */
  async touch(id: string): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - 60_000) } }] },
      data: { lastUsedAt: new Date() },
    });
  }
}
