import type {
  TCreateUserRequest,
  TListUsersQuery,
  TUpdateUserRequest,
  TUser,
  TUserList,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { hashPassword } from '../../platform/crypto/password-hasher.js';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, auditFieldNames } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { toUser } from './user-dto.js';
import { newUserFields, userChanges } from './user-fields.js';
import { UserLifecycle } from './user-lifecycle.js';
import { userDeleted, userNotFound, userTaken } from './users.errors.js';
import { takenField, type UserPosition, UsersRepository } from './users.repository.js';

/** What a list cursor holds: the last user of the previous page. */
const ZUserCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly lifecycle: UserLifecycle,
    private readonly tenancy: TenancyService,
    private readonly passwords: PasswordPolicyService,
  ) {}

  /** Newest first, keyset-paginated; deleted users only when asked for by `status=deleted`. */
  async list(tenant: TenantRecord, query: TListUsersQuery): Promise<TUserList> {
    assertStorable({ q: query.q });
    const after = query.cursor === undefined ? undefined : positionOf(query.cursor);
    const filter = { q: query.q, status: query.status, emailVerified: query.emailVerified };
    const rows = await this.db.run(tenant.id, (tx) =>
      this.users.list(tx, tenant.id, filter, query.limit + 1, after),
    );
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    const more = rows.length > query.limit && last;
    return {
      data: data.map(toUser),
      ...(more ? { nextCursor: encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) } : {}),
    };
  }

  /** A deleted user is still found (with `status: deleted`) until it is purged. */
  async get(tenant: TenantRecord, id: string): Promise<TUser> {
    const row = isUuid(id) ? await this.db.run(tenant.id, (tx) => this.users.find(tx, tenant.id, id)) : null;
    if (!row) throw userNotFound();
    return toUser(row);
  }

  async create(actor: Actor, tenant: TenantRecord, request: TCreateUserRequest): Promise<TUser> {
    assertStorable(request);
    if (request.password !== undefined) {
      const { passwordPolicy } = await this.tenancy.settings(tenant);
      await this.passwords.assertAcceptable(tenant, passwordPolicy, request.password, {
        facts: profileFacts(request),
      });
    }
    const password = await passwordFields(request.password);
    return conflictsAsProblems(() =>
      this.db.run(tenant.id, async (tx) => {
        const row = await this.users.create(tx, tenant.id, { ...newUserFields(request), ...password });
        await this.audit.record(tx, tenant.id, actor, {
          action: 'user.create',
          targetType: 'user',
          targetId: row.id,
          changes: auditFieldNames(request),
        });
        return toUser(row);
      }),
    );
  }

  async update(actor: Actor, tenant: TenantRecord, id: string, request: TUpdateUserRequest): Promise<TUser> {
    if (!isUuid(id)) throw userNotFound();
    assertStorable(request);
    // A removed password joins the history too: it may not come back while the rule holds.
    const policy =
      request.password === undefined ? undefined : (await this.tenancy.settings(tenant)).passwordPolicy;
    if (policy && request.password) {
      await this.passwords.assertAcceptable(tenant, policy, request.password, {
        userId: id,
        facts: profileFacts(request),
      });
    }
    // Hashing takes tens of milliseconds: do it before the transaction holds the row lock.
    const password = await passwordFields(request.password);
    const user = await conflictsAsProblems(() =>
      this.db.run(tenant.id, async (tx) => {
        const current = await this.users.lock(tx, tenant.id, id);
        if (!current) throw userNotFound();
        // Deletion is final for the API: a PATCH must not bring an account back to life.
        if (current.status === 'deleted') throw userDeleted();
        // Removing a password the user does not have changes nothing (and records nothing).
        const noop = password.passwordHash === null && current.passwordHash === null;
        const changes = { ...userChanges(current, request), ...(noop ? {} : password) };
        if (Object.keys(changes).length === 0) return toUser(current);
        if (policy && !noop) {
          await this.passwords.recordReplaced(tx, tenant.id, id, current.passwordHash, policy);
        }
        const row = await this.users.update(tx, tenant.id, id, changes);
        await this.audit.record(tx, tenant.id, actor, {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          changes: auditFieldNames(request),
        });
        return toUser(row);
      }),
    );
    // Also when it was suspended already: ending sessions again is harmless, and a retry finishes them.
    if (request.status === 'suspended') await this.lifecycle.deactivated(tenant, id);
    return user;
  }

  /** Soft delete, idempotent: deleting a deleted user succeeds again (and changes nothing). */
  async delete(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw userNotFound();
    await this.db.run(tenant.id, async (tx) => {
      const current = await this.users.lock(tx, tenant.id, id);
      if (!current) throw userNotFound();
      if (current.status === 'deleted') return;
      await this.users.softDelete(tx, tenant.id, id);
      await this.audit.record(tx, tenant.id, actor, {
        action: 'user.delete',
        targetType: 'user',
        targetId: id,
      });
    });
    await this.lifecycle.deactivated(tenant, id);
  }

  /**
   * GDPR erasure: removes the user and everything that is theirs now, whatever their status. The
   * audit trail keeps only that an erasure happened (user events never record field values).
   */
  async erase(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw userNotFound();
    await this.db.run(tenant.id, async (tx) => {
      if (!(await this.users.erase(tx, tenant.id, id))) throw userNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'user.erase',
        targetType: 'user',
        targetId: id,
      });
    });
    await this.lifecycle.deactivated(tenant, id);
  }
}

/** What a request tells about the user that a password should not be built from. */
function profileFacts(request: TCreateUserRequest | TUpdateUserRequest) {
  return [request.email, request.username, request.givenName, request.familyName, request.displayName];
}

function positionOf(cursor: string): UserPosition {
  const position = decodeCursor(ZUserCursor, cursor);
  return { createdAt: new Date(position.createdAt), id: position.id };
}

/** Runs a write; a taken email or username (the transaction is rolled back by then) becomes a 409. */
async function conflictsAsProblems<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const field = takenField(error);
    throw field ? userTaken(field) : error;
  }
}

/** The stored form of a password change: its argon2id hash (or its removal), never the password. */
async function passwordFields(password: string | null | undefined) {
  if (password === undefined) return {};
  if (password === null) return { passwordHash: null, passwordChangedAt: new Date() };
  return { passwordHash: await hashPassword(password), passwordChangedAt: new Date() };
}
