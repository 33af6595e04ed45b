import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from '../../platform/crypto/password-hasher.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { type UserRow, UsersRepository } from './users.repository.js';

/** What sign-in and token issuance read about a user: never the password hash. */
export type AccountRecord = Omit<UserRow, 'passwordHash'>;

/**
 * The user store as the sign-in and token paths see it (the management API uses UsersService).
 * Only active users can sign in or receive claims; suspended and deleted ones look absent.
 */
@Injectable()
export class UserAccountsService {
  /** Verified against when the account is unknown, so both answers cost one argon2id verification. */
  private readonly decoyHash: Promise<string> = hashPassword('latchkey decoy password, never assigned');

  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
  ) {}

  /** The active user with this id, or undefined. */
  async findActive(tenantId: string, userId: string): Promise<AccountRecord | undefined> {
    if (!isUuid(userId)) return undefined;
    const row = await this.db.run(tenantId, (tx) => this.users.find(tx, tenantId, userId));
    return row?.status === 'active' ? withoutSecrets(row) : undefined;
  }

  /**
   * The active user the identifier (email or username, case-insensitive) and password belong to, or
   * undefined. Unknown identifiers and users without a password cost the same verification as a
   * wrong password, so the answer time does not tell whether an account exists.
   */
  async authenticatePassword(
    tenantId: string,
    identifier: string,
    password: string,
  ): Promise<AccountRecord | undefined> {
    const row = await this.db.run(tenantId, (tx) => this.users.findByIdentifier(tx, tenantId, identifier));
    const hash = row?.status === 'active' && row.passwordHash ? row.passwordHash : await this.decoyHash;
    const valid = await verifyPassword(hash, password);
    return valid && row?.status === 'active' && row.passwordHash ? withoutSecrets(row) : undefined;
  }

  async recordSignIn(tenantId: string, userId: string): Promise<void> {
    await this.db.run(tenantId, (tx) => this.users.touchSignIn(tx, tenantId, userId));
  }
}

function withoutSecrets(row: UserRow): AccountRecord {
  const { passwordHash: _secret, ...account } = row;
  return account;
}
