import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from '../../platform/crypto/password-hasher.js';
import { namedStatement } from '../../platform/database/named-statement.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { TenantSql } from '../../platform/database/tenant-sql.js';
import { isUuid } from '../../platform/http/ids.js';
import { accountFromJson, accountJson } from './account-columns.js';
import { PasswordRehasher } from './password-rehash.js';
import { SignInRecorder } from './sign-in-recorder.js';
import { normalizeEmail, normalizeUsername } from './user-fields.js';
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
    private readonly sql: TenantSql,
    private readonly signIns: SignInRecorder,
    private readonly rehasher: PasswordRehasher,
  ) {}

  /**
   * The active user with this id, or undefined. Plain SQL: every token issued for a user reads
   * this (claims, refresh), so it skips Prisma's per-query compilation.
   */
  async findActive(tenantId: string, userId: string): Promise<AccountRecord | undefined> {
    if (!isUuid(userId)) return undefined;
    const { rows } = await this.sql.query<AccountRow>(tenantId, ACTIVE_ACCOUNT_SQL, [tenantId, userId]);
    return accountFromJson(rows[0]?.account);
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
    const trimmed = identifier.trim();
    const { rows } = await this.sql.query<AccountRow & { password_hash: string | null }>(
      tenantId,
      ACCOUNT_BY_IDENTIFIER_SQL,
      [tenantId, normalizeEmail(trimmed), normalizeUsername(trimmed)],
    );
    const account = accountFromJson(rows[0]?.account);
    const stored = account?.status === 'active' ? rows[0]?.password_hash : undefined;
    const valid = await verifyPassword(stored ?? (await this.decoyHash), password);
    if (!(valid && account && stored)) return undefined;
    // A hash of older argon2 parameters is replaced in the background (password-rehash.ts).
    this.rehasher.refresh(tenantId, account.id, stored, password);
    return account;
  }

  /** Where to tell an active user about their account (a lockout): email and locale, if any. */
  async contactFor(
    tenantId: string,
    identifier: string,
  ): Promise<{ email: string; locale: string | null } | undefined> {
    const row = await this.db.run(tenantId, (tx) => this.users.findByIdentifier(tx, tenantId, identifier));
    return row?.status === 'active' ? { email: row.email, locale: row.locale } : undefined;
  }

  /** Remembers the sign-in time; written within a quarter second, in a batch (SignInRecorder). */
  recordSignIn(tenantId: string, userId: string): void {
    this.signIns.record(tenantId, userId);
  }
}

/** A user as one JSON column (accountJson): pg parses one column instead of one per field. */
interface AccountRow {
  account: unknown;
}

/** The active user by id (the password hash never leaves the database here). */
const ACTIVE_ACCOUNT_SQL = namedStatement(
  'latchkey_active_account',
  `SELECT ${accountJson('users')} AS account
     FROM users
    WHERE tenant_id = $1 AND id = $2 AND status = 'active'`,
);

/** The sign-in lookup: by email or username, any status, with the hash beside the account. */
const ACCOUNT_BY_IDENTIFIER_SQL = namedStatement(
  'latchkey_account_by_identifier',
  `SELECT ${accountJson('users')} AS account, users.password_hash
     FROM users
    WHERE tenant_id = $1 AND (email_normalized = $2 OR username_normalized = $3)
    LIMIT 1`,
);
