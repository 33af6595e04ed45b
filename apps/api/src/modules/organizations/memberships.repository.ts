import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/** What a member is shown with: a few user fields and the organization roles by name. */
const MEMBER_INCLUDE = {
  user: { select: { id: true, email: true, givenName: true, familyName: true, displayName: true } },
  roles: { select: { role: { select: { id: true, name: true } } }, orderBy: { role: { name: 'asc' } } },
} as const satisfies Prisma.MembershipInclude;

export type MemberRow = Prisma.MembershipGetPayload<{ include: typeof MEMBER_INCLUDE }>;

/** Keyset position: the list continues strictly after this (createdAt asc, userId asc). */
export interface MemberPosition {
  createdAt: Date;
  userId: string;
}

/** `memberships` and `membership_roles` are tenant-owned; methods run in the caller's tenant transaction. */
@Injectable()
export class MembershipsRepository {
  /** Oldest membership first; `limit` rows strictly after `after`. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    organizationId: string,
    limit: number,
    after?: MemberPosition,
  ): Promise<MemberRow[]> {
    return tx.membership.findMany({
      where: {
        tenantId,
        organizationId,
        ...(after
          ? {
              createdAt: { gte: after.createdAt },
              OR: [{ createdAt: { gt: after.createdAt } }, { userId: { gt: after.userId } }],
            }
          : {}),
      },
      include: MEMBER_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
      take: limit,
    });
  }

  /** Every organization the user is a member of (bounded: an org picker, not a directory), by name. */
  listForUser(tx: TenantTransaction, tenantId: string, userId: string, organizationId?: string) {
    return tx.membership.findMany({
      where: { tenantId, userId, ...(organizationId ? { organizationId } : {}) },
      include: {
        organization: { select: { id: true, name: true, slug: true } },
        roles: { select: { role: { select: { name: true } } }, orderBy: { role: { name: 'asc' } } },
      },
      orderBy: { organization: { name: 'asc' } },
      take: 200,
    });
  }

  find(tx: TenantTransaction, tenantId: string, organizationId: string, userId: string) {
    return tx.membership.findUnique({
      where: { tenantId_organizationId_userId: { tenantId, organizationId, userId } },
      include: MEMBER_INCLUDE,
    });
  }

  /**
   * Whether the membership exists, locking it until the transaction ends so that concurrent role
   * changes of one member apply one after the other instead of merging.
   */
  async lock(tx: TenantTransaction, tenantId: string, organizationId: string, userId: string) {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM memberships
      WHERE tenant_id = ${tenantId}::uuid AND organization_id = ${organizationId}::uuid AND user_id = ${userId}::uuid
      FOR UPDATE`;
    return rows.length === 1;
  }

  /** `false` when the user is a member already (concurrent adds: the primary key decides). */
  async add(tx: TenantTransaction, tenantId: string, organizationId: string, userId: string) {
    const { count } = await tx.membership.createMany({
      data: [{ tenantId, organizationId, userId }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  /** The member's roles go with the membership (FK cascade). */
  async remove(tx: TenantTransaction, tenantId: string, organizationId: string, userId: string) {
    const { count } = await tx.membership.deleteMany({ where: { tenantId, organizationId, userId } });
    return count === 1;
  }

  /** Adds roles the member does not hold yet; existing ones stay. */
  async addRoles(
    tx: TenantTransaction,
    tenantId: string,
    member: { organizationId: string; userId: string },
    roleIds: readonly string[],
  ): Promise<void> {
    if (roleIds.length === 0) return;
    await tx.membershipRole.createMany({
      data: roleIds.map((roleId) => ({ tenantId, ...member, roleId })),
      skipDuplicates: true,
    });
  }

  /** Replaces the member's roles with exactly `roleIds`. */
  async setRoles(
    tx: TenantTransaction,
    tenantId: string,
    member: { organizationId: string; userId: string },
    roleIds: readonly string[],
  ): Promise<void> {
    await tx.membershipRole.deleteMany({ where: { tenantId, ...member, roleId: { notIn: [...roleIds] } } });
    await this.addRoles(tx, tenantId, member, roleIds);
  }
}
