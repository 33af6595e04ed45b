import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import type { NewClientSecret } from './application-credentials.js';
import type { ApplicationSecretRow } from './applications.repository.js';

/** The current secret first (it never expires), then the others by expiry, latest first. */
const NEWEST_FIRST = [
  { expiresAt: { sort: 'desc', nulls: 'first' } },
  { createdAt: 'desc' },
  { id: 'asc' },
] as const;

/**
 * `application_secrets` is tenant-owned: every method takes the tenant and the caller's tenant
 * transaction. A secret is valid while `expiresAt` is null or later than now.
 */
@Injectable()
export class ApplicationSecretsRepository {
  listValid(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    now: Date,
  ): Promise<ApplicationSecretRow[]> {
    return tx.applicationSecret.findMany({
      where: { tenantId, applicationId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [...NEWEST_FIRST],
    });
  }

  create(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    secret: NewClientSecret,
  ): Promise<ApplicationSecretRow> {
    return tx.applicationSecret.create({
      data: { tenantId, id: secret.id, applicationId, secretSealed: secret.sealed, hint: secret.hint },
    });
  }

  /** Every other secret stops being valid at `until`, or earlier if it was to expire sooner already. */
  async expireOthers(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    keepId: string,
    until: Date,
  ): Promise<number> {
    const { count } = await tx.applicationSecret.updateMany({
      where: {
        tenantId,
        applicationId,
        id: { not: keepId },
        OR: [{ expiresAt: null }, { expiresAt: { gt: until } }],
      },
      data: { expiresAt: until },
    });
    return count;
  }

  /** Revokes every other secret at once. */
  async deleteOthers(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
    keepId: string,
  ): Promise<number> {
    const { count } = await tx.applicationSecret.deleteMany({
      where: { tenantId, applicationId, id: { not: keepId } },
    });
    return count;
  }

  /** Expired secrets are never accepted; this only stops keeping them (of one application, or all). */
  async deleteExpired(
    tx: TenantTransaction,
    tenantId: string,
    now: Date,
    applicationId?: string,
  ): Promise<number> {
    const { count } = await tx.applicationSecret.deleteMany({
      where: { tenantId, ...(applicationId ? { applicationId } : {}), expiresAt: { lte: now } },
    });
    return count;
  }
}
