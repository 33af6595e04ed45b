import type { TAssignRoleToUsersResult, TUserRoleList } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { distinct, rejectedEntries } from './id-lists.js';
import { type RejectedId, rejectedIds, roleNotFound, userDeleted, userNotFound } from './rbac.errors.js';
import { toRole } from './rbac-dto.js';
import { RolesRepository } from './roles.repository.js';
import { UserRolesRepository, type UserState } from './user-roles.repository.js';

/**
 * Tenant-level roles of users (organization roles of members belong to the organizations module).
 * Assignments are idempotent and all or nothing; one that changes nothing records nothing.
 */
@Injectable()
export class UserRolesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly grants: UserRolesRepository,
    private readonly roles: RolesRepository,
    private readonly audit: AuditService,
  ) {}

  /** A deleted user's roles stay readable until the account is purged. */
  async list(tenant: TenantRecord, userId: string): Promise<TUserRoleList> {
    if (!isUuid(userId)) throw userNotFound();
    const rows = await this.db.run(tenant.id, async (tx) =>
      (await this.grants.lockUsers(tx, tenant.id, [userId])).has(userId)
        ? this.grants.rolesOf(tx, tenant.id, userId)
        : null,
    );
    if (!rows) throw userNotFound();
    return { data: rows.map(toRole) };
  }

  async assign(
    actor: Actor,
    tenant: TenantRecord,
    userId: string,
    roleIds: readonly string[],
  ): Promise<void> {
    if (!isUuid(userId)) throw userNotFound();
    await this.db.run(tenant.id, async (tx) => {
      const state = (await this.grants.lockUsers(tx, tenant.id, [userId])).get(userId);
      if (!state) throw userNotFound();
      if (state === 'deleted') throw userDeleted();
      const known = await this.roles.lock(tx, tenant.id, distinct(roleIds));
      const rejected = rejectedEntries('roleIds', roleIds, (id) => (known.has(id) ? null : 'unknown'));
      if (rejected.length > 0) throw rejectedIds(rejected, 'role');
      const added = await this.grants.assign(
        tx,
        tenant.id,
        [...known].map((roleId) => ({ userId, roleId })),
      );
      if (added.length === 0) return;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'user.roles.assign',
        targetType: 'user',
        targetId: userId,
        changes: { roleIds: added.map((grant) => grant.roleId) },
      });
    });
  }

  /** Idempotent: removing a role the user does not hold succeeds; unknown user or role is a 404. */
  async remove(actor: Actor, tenant: TenantRecord, userId: string, roleId: string): Promise<void> {
    if (!isUuid(userId)) throw userNotFound();
    if (!isUuid(roleId)) throw roleNotFound();
    await this.db.run(tenant.id, async (tx) => {
      if (!(await this.grants.lockUsers(tx, tenant.id, [userId])).has(userId)) throw userNotFound();
      if (!(await this.roles.lock(tx, tenant.id, [roleId])).has(roleId)) throw roleNotFound();
      if (!(await this.grants.remove(tx, tenant.id, { userId, roleId }))) return;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'user.roles.remove',
        targetType: 'user',
        targetId: userId,
        changes: { roleId },
      });
    });
  }

  /**
   * One role to up to 1000 users in one transaction: every id is checked first, and any unknown or
   * deleted user is a 400 naming each one, with nothing assigned. Held grants are skipped.
   */
  async assignToUsers(
    actor: Actor,
    tenant: TenantRecord,
    roleId: string,
    userIds: readonly string[],
  ): Promise<TAssignRoleToUsersResult> {
    if (!isUuid(roleId)) throw roleNotFound();
    const users = distinct(userIds);
    const added = await this.db.run(tenant.id, async (tx) => {
      if (!(await this.roles.lock(tx, tenant.id, [roleId])).has(roleId)) throw roleNotFound();
      const states = await this.grants.lockUsers(tx, tenant.id, users);
      const rejected = rejectedEntries('userIds', userIds, (id) => verdict(states.get(id)));
      if (rejected.length > 0) throw rejectedIds(rejected, 'user');
      const inserted = await this.grants.assign(
        tx,
        tenant.id,
        users.map((userId) => ({ userId, roleId })),
      );
      if (inserted.length > 0) {
        await this.audit.record(tx, tenant.id, actor, {
          action: 'role.users.assign',
          targetType: 'role',
          targetId: roleId,
          changes: { userIds: inserted.map((grant) => grant.userId) },
        });
      }
      return inserted.length;
    });
    return { roleId, assigned: added, unchanged: users.length - added };
  }
}

/** Suspended users may hold roles (they take effect again on reactivation); deleted ones may not. */
const verdict = (state: UserState | undefined): RejectedId['reason'] | null =>
  state === undefined ? 'unknown' : state === 'deleted' ? 'deleted' : null;
