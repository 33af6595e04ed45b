import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/**
 * The tenant's users and roles, as organizations need them. Those tables belong to the identity and
 * RBAC modules; their services run their own transactions, which cannot join ours, so the few reads
 * (and, for accepting an invitation, one insert) that must commit or roll back with an
 * organization change live here, in one place, until those modules offer transaction-aware methods.
 */
@Injectable()
export class TenantDirectoryRepository {
  findUser(tx: TenantTransaction, tenantId: string, id: string) {
    return tx.user.findUnique({
      where: { tenantId_id: { tenantId, id } },
      select: { id: true, status: true },
    });
  }

  /** By normalized email (trimmed, lowercased), unique per tenant. */
  findUserByEmail(tx: TenantTransaction, tenantId: string, emailNormalized: string) {
    return tx.user.findUnique({
      where: { tenantId_emailNormalized: { tenantId, emailNormalized } },
      select: { id: true, status: true },
    });
  }

  /**
   * Creates the invitee's user unless one with the email appeared meanwhile: INSERT … ON CONFLICT DO
   * NOTHING waits for a concurrent insert of the same email and then yields to it, where a plain
   * insert would abort the whole transaction. `created` tells which happened.
   */
  async createInvitee(
    tx: TenantTransaction,
    tenantId: string,
    user: { email: string; emailNormalized: string; givenName: string | null; familyName: string | null },
  ): Promise<{ id: string; status: 'active' | 'suspended' | 'deleted'; created: boolean } | null> {
    const [created] = await tx.user.createManyAndReturn({
      data: [{ tenantId, ...user, emailVerified: true }],
      skipDuplicates: true,
      select: { id: true, status: true },
    });
    if (created) return { ...created, created: true };
    const existing = await this.findUserByEmail(tx, tenantId, user.emailNormalized);
    return existing && { ...existing, created: false };
  }

  /** Which of `ids` are roles of the tenant, with their names. */
  roles(tx: TenantTransaction, tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.role.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true, name: true } });
  }
}
