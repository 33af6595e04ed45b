import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/**
 * `password_history` is tenant-owned: the hashes of passwords users had before their current one
 * (the current one is `users.password_hash`). Rows go with their user (foreign key, on delete
 * cascade), so erasure and the purge of deleted users take them along.
 */
@Injectable()
export class PasswordHistoryRepository {
  /** The user's earlier password hashes, newest first. */
  async recent(tx: TenantTransaction, tenantId: string, userId: string, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const rows = await tx.passwordHistory.findMany({
      where: { tenantId, userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { hash: true },
    });
    return rows.map((row) => row.hash);
  }

  /**
   * Called in the transaction that replaces a user's password: keeps the replaced hash (when the
   * tenant keeps any) and drops what the tenant no longer asks to keep, so turning the rule down
   * or off also forgets old hashes.
   */
  async replaced(
    tx: TenantTransaction,
    tenantId: string,
    userId: string,
    previousHash: string | null,
    keep: number,
  ): Promise<void> {
    if (previousHash && keep > 0) {
      await tx.passwordHistory.create({ data: { tenantId, userId, hash: previousHash } });
    }
    await tx.$executeRaw`
      DELETE FROM password_history
       WHERE tenant_id = ${tenantId}::uuid AND user_id = ${userId}::uuid
         AND id NOT IN (
           SELECT id FROM password_history
            WHERE tenant_id = ${tenantId}::uuid AND user_id = ${userId}::uuid
            ORDER BY created_at DESC, id DESC
            LIMIT ${Math.max(keep, 0)})`;
  }
}
