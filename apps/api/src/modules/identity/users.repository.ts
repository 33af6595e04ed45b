import { Injectable } from '@nestjs/common';
import { Prisma, type User } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { normalizeEmail, normalizeUsername } from './user-fields.js';
import { listUsersSql } from './users-list.sql.js';

export type UserRow = User;

/** What the API lets a caller write; the repository stamps `tenantId`, the database the rest. */
export interface UserFields {
  email: string;
  emailNormalized: string;
  emailVerified: boolean;
  username: string | null;
  usernameNormalized: string | null;
  phone: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  picture: string | null;
  locale: string | null;
  zoneinfo: string | null;
  publicMetadata: Record<string, unknown>;
  privateMetadata: Record<string, unknown>;
  status: 'active' | 'suspended';
  /** argon2id PHC string; `null` removes the password. */
  passwordHash?: string | null;
  passwordChangedAt?: Date | null;
}

/** A field that must be unique per tenant (case-insensitively). */
export type UniqueUserField = 'email' | 'username';

export interface UserListFilter {
  /** Prefix, already trimmed; matched case-insensitively. */
  q?: string | undefined;
  /** Absent: every user except deleted ones. */
  status?: UserRow['status'] | undefined;
  emailVerified?: boolean | undefined;
}

/** Keyset position: the list continues strictly after this (createdAt desc, id desc). */
export interface UserPosition {
  createdAt: Date;
  id: string;
}

/**
 * `users` is tenant-owned. Every method runs inside the caller's tenant transaction (so the service
 * can audit in the same one) and still filters by tenant: row-level security is the backstop.
 */
@Injectable()
export class UsersRepository {
  /** Throws on a taken email or username (see `takenField`): the unique indexes decide, race-free. */
  create(tx: TenantTransaction, tenantId: string, fields: UserFields): Promise<UserRow> {
    return tx.user.create({ data: toCreate(tenantId, fields) });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<UserRow | null> {
    return tx.user.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /** By email or username, both compared lowercased (what the unique indexes hold). */
  findByIdentifier(tx: TenantTransaction, tenantId: string, identifier: string): Promise<UserRow | null> {
    const trimmed = identifier.trim();
    return tx.user.findFirst({
      where: {
        tenantId,
        OR: [
          { emailNormalized: normalizeEmail(trimmed) },
          { usernameNormalized: normalizeUsername(trimmed) },
        ],
      },
    });
  }

  /**
   * The user, locked until the transaction ends: a concurrent update or delete waits for this one
   * instead of deciding on a row that is about to change (a PATCH must not revive a deleted user).
   */
  async lock(tx: TenantTransaction, tenantId: string, id: string): Promise<UserRow | null> {
    await tx.$executeRaw`SELECT 1 FROM users WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return this.find(tx, tenantId, id);
  }

  /** Throws on a taken email or username, like `create`. */
  update(tx: TenantTransaction, tenantId: string, id: string, fields: Partial<UserFields>): Promise<UserRow> {
    return tx.user.update({ where: { tenantId_id: { tenantId, id } }, data: toUpdate(fields) });
  }

  async softDelete(tx: TenantTransaction, tenantId: string, id: string): Promise<void> {
    await tx.user.update({
      where: { tenantId_id: { tenantId, id } },
      data: { status: 'deleted', deletedAt: new Date() },
    });
  }

  /** Erasure: the row goes, and with it (cascade) memberships and role assignments. */
  async erase(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    const { count } = await tx.user.deleteMany({ where: { tenantId, id } });
    return count === 1;
  }

  /** Erases up to `limit` users soft-deleted before `before`; returns how many went. */
  purgeDeleted(tx: TenantTransaction, tenantId: string, before: Date, limit: number): Promise<number> {
    return tx.$executeRaw`
      DELETE FROM users WHERE tenant_id = ${tenantId}::uuid AND id IN (
        SELECT id FROM users
        WHERE tenant_id = ${tenantId}::uuid AND status = 'deleted' AND deleted_at < ${before}
        LIMIT ${limit})`;
  }

  /** Newest first; `limit` rows strictly after `after`. Raw SQL for the search: see listUsersSql. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    filter: UserListFilter,
    limit: number,
    after?: UserPosition,
  ): Promise<UserRow[]> {
    return tx.$queryRaw<UserRow[]>(listUsersSql(tenantId, filter, limit, after));
  }
}

/** Metadata was parsed from a JSON body and walked by assertStorable: it is JSON all the way down. */
const json = (value: Record<string, unknown>) => value as Prisma.InputJsonObject;

function toCreate(tenantId: string, fields: UserFields): Prisma.UserUncheckedCreateInput {
  return {
    tenantId,
    ...fields,
    publicMetadata: json(fields.publicMetadata),
    privateMetadata: json(fields.privateMetadata),
  };
}

function toUpdate(fields: Partial<UserFields>): Prisma.UserUpdateInput {
  const { publicMetadata, privateMetadata, ...rest } = fields;
  return {
    ...rest,
    ...(publicMetadata ? { publicMetadata: json(publicMetadata) } : {}),
    ...(privateMetadata ? { privateMetadata: json(privateMetadata) } : {}),
  };
}

/** The unique indexes of `users` (named in the migration) and the field each one guards. */
const UNIQUE_INDEXES: ReadonlyArray<readonly [string, UniqueUserField]> = [
  ['users_tenant_id_email_normalized_key', 'email'],
  ['users_tenant_id_username_normalized_key', 'username'],
];

/**
 * The unique field a failed write collided on, if it was a unique violation (P2002). Under row-level
 * security PostgreSQL leaves the key out of the error, so the index name in the driver's message is
 * all there is to go on.
 */
export function takenField(error: unknown): UniqueUserField | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const detail = JSON.stringify(error.meta ?? {});
  return UNIQUE_INDEXES.find(([name]) => detail.includes(name))?.[1];
}
