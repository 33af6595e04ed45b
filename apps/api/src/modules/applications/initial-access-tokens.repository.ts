import type { TInitialAccessTokenStatus } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import type { InitialAccessToken, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type InitialAccessTokenRow = InitialAccessToken;

/** Keyset position: the list continues strictly after this (createdAt desc, id desc). */
export interface InitialAccessTokenPosition {
  createdAt: Date;
  id: string;
}

/** `initial_access_tokens` is tenant-owned; methods run in the caller's tenant transaction. */
@Injectable()
export class InitialAccessTokensRepository {
  create(
    tx: TenantTransaction,
    tenantId: string,
    data: { name: string; tokenHash: string; expiresAt: Date | null; maxUses: number | null },
  ): Promise<InitialAccessTokenRow> {
    return tx.initialAccessToken.create({ data: { tenantId, ...data } });
  }

  /** Newest first; `limit` rows strictly after `after`, in the status derived at `now`. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    filter: { status?: TInitialAccessTokenStatus | undefined; now: Date },
    limit: number,
    after?: InitialAccessTokenPosition,
  ): Promise<InitialAccessTokenRow[]> {
    return tx.initialAccessToken.findMany({
      where: {
        AND: [
          { tenantId },
          filter.status === undefined ? {} : statusWhere(tx, filter.status, filter.now),
          after === undefined
            ? {}
            : {
                createdAt: { lte: after.createdAt },
                OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }],
              },
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<InitialAccessTokenRow | null> {
    return tx.initialAccessToken.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  findByHash(tx: TenantTransaction, tenantId: string, tokenHash: string) {
    return tx.initialAccessToken.findUnique({ where: { tenantId_tokenHash: { tenantId, tokenHash } } });
  }

  /** Revokes a token (a repeat keeps the first `revokedAt`); the row, or `null` when already revoked. */
  async revoke(tx: TenantTransaction, tenantId: string, id: string): Promise<InitialAccessTokenRow | null> {
    const [row] = await tx.initialAccessToken.updateManyAndReturn({
      where: { tenantId, id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return row ?? null;
  }

  /**
   * Counts one registration against a usable token, in one conditional UPDATE: of concurrent
   * registrations racing for a token's last use, exactly one gets the row back (the others wait for
   * its row lock, then find the condition false). `null` when the token is no longer usable.
   */
  async use(
    tx: TenantTransaction,
    tenantId: string,
    tokenHash: string,
    now: Date,
  ): Promise<InitialAccessTokenRow | null> {
    const [row] = await tx.$queryRaw<InitialAccessTokenRow[]>`
      UPDATE initial_access_tokens
         SET uses = uses + 1, last_used_at = ${now.toISOString()}::timestamptz
       WHERE tenant_id = ${tenantId}::uuid AND token_hash = ${tokenHash}
         AND revoked_at IS NULL
         AND (expires_at IS NULL OR expires_at > ${now.toISOString()}::timestamptz)
         AND (max_uses IS NULL OR uses < max_uses)
      RETURNING id, tenant_id AS "tenantId"`;
    return row ?? null;
  }
}

/** The SQL side of `initialAccessTokenStatus` (initial-access-token.ts): keep the two in step. */
function statusWhere(
  tx: TenantTransaction,
  status: TInitialAccessTokenStatus,
  now: Date,
): Prisma.InitialAccessTokenWhereInput {
  const unexpired = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const maxUses = tx.initialAccessToken.fields.maxUses;
  switch (status) {
    case 'revoked':
      return { revokedAt: { not: null } };
    case 'expired':
      return { revokedAt: null, expiresAt: { lte: now } };
    case 'used-up':
      return { revokedAt: null, ...unexpired, uses: { gte: maxUses } };
    case 'active':
      return { revokedAt: null, AND: [unexpired, { OR: [{ maxUses: null }, { uses: { lt: maxUses } }] }] };
  }
}
