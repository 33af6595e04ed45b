import { Injectable } from '@nestjs/common';
import { Prisma, type SigningKey } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type SigningKeyRow = SigningKey;

/** A write hit one of the unique indexes (one active and one next key per tenant, or the key id). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** A key to insert: the private JWK already sealed. */
export interface NewSigningKey {
  id: string;
  alg: string;
  status: 'active' | 'next';
  publicJwk: object;
  privateJwkSealed: string;
  createdAt: Date;
  activatedAt: Date | null;
}

/** `signing_keys` is tenant-owned: every method takes the tenant and the caller's tenant transaction. */
@Injectable()
export class SigningKeysRepository {
  list(tx: TenantTransaction, tenantId: string): Promise<SigningKeyRow[]> {
    return tx.signingKey.findMany({ where: { tenantId } });
  }

  /**
   * Serializes the tenant's key changes until the transaction ends, then returns its keys with the
   * active and next ones locked. The transaction-scoped advisory lock is what makes a second
   * rotation (or first provisioning) wait and then see the first one's result: row locks alone
   * would not show it the next key the first one inserted.
   */
  async lockForChange(tx: TenantTransaction, tenantId: string): Promise<SigningKeyRow[]> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signing-keys:${tenantId}`}, 0))`;
    await tx.$queryRaw`
      SELECT id FROM signing_keys
       WHERE tenant_id = ${tenantId}::uuid AND status IN ('active', 'next')
         FOR UPDATE`;
    return this.list(tx, tenantId);
  }

  /** Throws P2002 when the tenant already has a key of this status (one active, one next at most). */
  async insert(tx: TenantTransaction, tenantId: string, key: NewSigningKey): Promise<void> {
    await tx.signingKey.create({ data: { tenantId, ...key } });
  }

  async retire(tx: TenantTransaction, tenantId: string, id: string, at: Date, expiresAt: Date) {
    await tx.signingKey.updateMany({
      where: { tenantId, id, status: 'active' },
      data: { status: 'retired', retiredAt: at, expiresAt },
    });
  }

  async activate(tx: TenantTransaction, tenantId: string, id: string, at: Date) {
    await tx.signingKey.updateMany({
      where: { tenantId, id, status: 'next' },
      data: { status: 'active', activatedAt: at },
    });
  }

  /** Deletes retired keys that expired at or before `now`; returns their ids. */
  async deleteExpired(tx: TenantTransaction, tenantId: string, now: Date): Promise<string[]> {
    const deleted = await tx.$queryRaw<Array<{ id: string }>>`
      DELETE FROM signing_keys
       WHERE tenant_id = ${tenantId}::uuid AND status = 'retired' AND expires_at <= ${now}
      RETURNING id`;
    return deleted.map((key) => key.id).sort();
  }
}
