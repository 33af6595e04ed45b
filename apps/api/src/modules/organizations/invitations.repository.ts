import type { TInvitationStatus } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import type { Invitation, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type InvitationRow = Invitation;

/** Keyset position: the list continues strictly after this (createdAt desc, id desc). */
export interface InvitationPosition {
  createdAt: Date;
  id: string;
}

/** `invitations` is tenant-owned; methods run in the caller's tenant transaction. */
@Injectable()
export class InvitationsRepository {
  create(
    tx: TenantTransaction,
    tenantId: string,
    data: {
      organizationId: string;
      email: string;
      emailNormalized: string;
      roleIds: string[];
      tokenHash: string;
      expiresAt: Date;
    },
  ): Promise<InvitationRow> {
    return tx.invitation.create({ data: { tenantId, ...data } });
  }

  /** Newest first; `limit` rows strictly after `after`, in the status derived at `now`. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    organizationId: string,
    filter: { status?: TInvitationStatus | undefined; now: Date },
    limit: number,
    after?: InvitationPosition,
  ): Promise<InvitationRow[]> {
    return tx.invitation.findMany({
      where: {
        AND: [
          { tenantId, organizationId },
          filter.status === undefined ? {} : statusWhere(filter.status, filter.now),
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

  find(tx: TenantTransaction, tenantId: string, organizationId: string, id: string) {
    return tx.invitation.findFirst({ where: { tenantId, organizationId, id } });
  }

  findByTokenHash(tx: TenantTransaction, tenantId: string, tokenHash: string) {
    return tx.invitation.findUnique({ where: { tenantId_tokenHash: { tenantId, tokenHash } } });
  }

  /** Revokes an invitation nobody accepted (a repeat keeps the first `revokedAt`); the row, or `null`. */
  async revoke(tx: TenantTransaction, tenantId: string, organizationId: string, id: string) {
    const [row] = await tx.invitation.updateManyAndReturn({
      where: { tenantId, organizationId, id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return row ?? null;
  }

  /**
   * Claims a pending invitation for one acceptance: a conditional UPDATE … WHERE accepted_at IS NULL.
   * A concurrent claim of the same row waits for the first transaction's row lock and then finds
   * the condition false, so of any number of concurrent accepts exactly one gets the row back.
   */
  async claim(tx: TenantTransaction, tenantId: string, id: string, now: Date): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { tenantId, id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    return count === 1;
  }

  setAcceptedUser(tx: TenantTransaction, tenantId: string, id: string, userId: string) {
    return tx.invitation.update({
      where: { tenantId_id: { tenantId, id } },
      data: { acceptedUserId: userId },
    });
  }
}

/** The SQL side of `invitationStatus` (organization-dto.ts): keep the two in step. */
function statusWhere(status: TInvitationStatus, now: Date): Prisma.InvitationWhereInput {
  switch (status) {
    case 'accepted':
      return { acceptedAt: { not: null } };
    case 'revoked':
      return { acceptedAt: null, revokedAt: { not: null } };
    case 'expired':
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case 'pending':
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}
