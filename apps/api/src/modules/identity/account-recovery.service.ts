import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import { PasswordPolicyService, type TPasswordPolicy } from './password-policy.service.js';
import { UsersRepository } from './users.repository.js';

/** What recovery needs to know of an active account found by its email. */
export interface RecoverableAccount {
  id: string;
  email: string;
  username: string | null;
  locale: string | null;
  /** Epoch ms of the last password change (null: never set): a reset link is bound to it. */
  passwordChangedAt: number | null;
}

/**
 * The user store as account recovery sees it (password reset by mailed link, sign-in by mailed
 * code). Only active accounts: a suspended or deleted one looks absent, and the caller answers as
 * for an unknown address.
 */
@Injectable()
export class AccountRecoveryService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly passwords: PasswordPolicyService,
  ) {}

  async activeByEmail(tenantId: string, email: string): Promise<RecoverableAccount | undefined> {
    // An email never matches a username (usernames cannot hold "@"), so the lookup is by email only.
    if (!email.includes('@')) return undefined;
    const row = await this.db.run(tenantId, (tx) => this.users.findByIdentifier(tx, tenantId, email));
    return row?.status === 'active' ? recoverable(row) : undefined;
  }

  async activeById(tenantId: string, userId: string): Promise<RecoverableAccount | undefined> {
    const row = await this.db.run(tenantId, (tx) => this.users.find(tx, tenantId, userId));
    return row?.status === 'active' ? recoverable(row) : undefined;
  }

  /**
   * Sets a new password (already hashed) if the account is still active and its password has not
   * changed since `expectedChangedAt` (so one link cannot undo a later change). Undefined otherwise.
   * The replaced password joins the history `policy` keeps.
   */
  async resetPassword(
    actor: Actor,
    tenantId: string,
    userId: string,
    passwordHash: string,
    expectedChangedAt: number | null,
    policy: TPasswordPolicy,
  ): Promise<RecoverableAccount | undefined> {
    return this.db.run(tenantId, async (tx) => {
      const current = await this.users.lock(tx, tenantId, userId);
      if (current?.status !== 'active') return undefined;
      if ((current.passwordChangedAt?.getTime() ?? null) !== expectedChangedAt) return undefined;
      await this.passwords.recordReplaced(tx, tenantId, userId, current.passwordHash, policy);
      const row = await this.users.update(tx, tenantId, userId, {
        passwordHash,
        passwordChangedAt: new Date(),
      });
      await this.audit.record(tx, tenantId, actor, {
        action: 'user.password_reset',
        targetType: 'user',
        targetId: userId,
        changes: { password: true },
      });
      return recoverable(row);
    });
  }

  /** The mailbox was just proven (a mailed code came back): the address is verified from now on. */
  async markEmailVerified(actor: Actor, tenantId: string, userId: string): Promise<void> {
    await this.db.run(tenantId, async (tx) => {
      const current = await this.users.lock(tx, tenantId, userId);
      if (!current || current.emailVerified) return;
      await this.users.update(tx, tenantId, userId, { emailVerified: true });
      await this.audit.record(tx, tenantId, actor, {
        action: 'user.email_verified',
        targetType: 'user',
        targetId: userId,
        changes: { emailVerified: true },
      });
    });
  }
}

function recoverable(row: {
  id: string;
  email: string;
  username: string | null;
  locale: string | null;
  passwordChangedAt: Date | null;
}): RecoverableAccount {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    locale: row.locale,
    passwordChangedAt: row.passwordChangedAt?.getTime() ?? null,
  };
}
