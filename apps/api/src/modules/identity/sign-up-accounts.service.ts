import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, auditFieldNames } from '../audit/audit.types.js';
import type { AccountRecord } from './user-accounts.service.js';
import { newUserFields } from './user-fields.js';
import { userTaken } from './users.errors.js';
import { takenField, UsersRepository } from './users.repository.js';

/** What a self sign-up stores: the profile the form asked for and the password, already hashed. */
export interface SignUpProfile {
  email: string;
  givenName?: string | undefined;
  familyName?: string | undefined;
  username?: string | undefined;
  phone?: string | undefined;
  locale?: string | undefined;
  /** argon2id PHC string. */
  passwordHash: string;
}

/**
 * The user store as self sign-up on the hosted login sees it. Existence checks say whether an
 * address or username is in use by any user, deleted ones included (they keep theirs until purged);
 * the caller decides what the browser may learn of it.
 */
@Injectable()
export class SignUpAccountsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /** The user holding this email (case-insensitive), whatever their status; undefined when none. */
  async emailOwner(
    tenantId: string,
    email: string,
  ): Promise<{ active: boolean; email: string; locale: string | null } | undefined> {
    // An email never matches a username (usernames cannot hold "@"), so the identifier lookup is exact.
    const row = await this.db.run(tenantId, (tx) => this.users.findByIdentifier(tx, tenantId, email));
    return row ? { active: row.status === 'active', email: row.email, locale: row.locale } : undefined;
  }

  async usernameTaken(tenantId: string, username: string): Promise<boolean> {
    const row = await this.db.run(tenantId, (tx) => this.users.findByIdentifier(tx, tenantId, username));
    return row !== null;
  }

  /**
   * Creates the account once its email is proven (the code matched): verified from the start, with
   * the password chosen at sign-up. A taken email or username (a race) is a 409, as on the API.
   */
  async createVerified(actor: Actor, tenantId: string, profile: SignUpProfile): Promise<AccountRecord> {
    const { passwordHash, ...fields } = profile;
    try {
      return await this.db.run(tenantId, async (tx) => {
        const row = await this.users.create(tx, tenantId, {
          ...newUserFields({ ...fields, emailVerified: true }),
          passwordHash,
          passwordChangedAt: new Date(),
        });
        await this.audit.record(tx, tenantId, actor, {
          action: 'user.sign_up',
          targetType: 'user',
          targetId: row.id,
          changes: auditFieldNames({ ...fields, password: true }),
        });
        const { passwordHash: _secret, ...account } = row;
        return account;
      });
    } catch (error) {
      const field = takenField(error);
      throw field ? userTaken(field) : error;
    }
  }
}
