import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { hashPassword, needsRehash } from '../../platform/crypto/password-hasher.js';
import { namedStatement } from '../../platform/database/named-statement.js';
import { TenantSql } from '../../platform/database/tenant-sql.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';

/**
 * Moves stored password hashes to the deployment's current argon2id parameters (LATCHKEY_ARGON2_*)
 * the only time that is possible: right after a sign-in proved the password. Best effort and off
 * the sign-in's critical path: the sign-in never waits for it and never fails because of it; a hash
 * that could not be replaced is replaced at a later sign-in. Pending ones finish before the
 * database closes (Nest's shutdown hooks run first, see main.ts).
 */
@Injectable()
export class PasswordRehasher implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();
  /** Users being rehashed now, so a burst of sign-ins of one user hashes once. */
  private readonly users = new Set<string>();
  private readonly logger: Logger;

  constructor(
    private readonly sql: TenantSql,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  /** After `password` verified against `storedHash`: replaces the hash if its parameters are outdated. */
  refresh(tenantId: string, userId: string, storedHash: string, password: string): void {
    const key = `${tenantId}:${userId}`;
    if (!needsRehash(storedHash) || this.users.has(key)) return;
    this.users.add(key);
    const work = this.replace(tenantId, userId, storedHash, password).finally(() => {
      this.users.delete(key);
      this.running.delete(work);
    });
    this.running.add(work);
  }

  /** Waits for every rehash started so far (tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  private async replace(tenantId: string, userId: string, storedHash: string, password: string) {
    try {
      const fresh = await hashPassword(password);
      // Only over the hash that was verified: a password changed meanwhile (reset, admin) stays.
      // Not a password change: password_changed_at (which reset links are bound to) is kept.
      const { rowCount } = await this.sql.query(tenantId, REPLACE_HASH_SQL, [
        tenantId,
        userId,
        fresh,
        storedHash,
      ]);
      if (rowCount === 1)
        this.logger.debug({ tenantId, userId }, 'password hash moved to current parameters');
    } catch (error) {
      this.logger.warn(
        { err: error, tenantId, userId },
        'could not rehash a password; retried at next sign-in',
      );
    }
  }
}

/** Only over the hash that was verified (see replace). */
const REPLACE_HASH_SQL = namedStatement(
  'latchkey_replace_password_hash',
  'UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2 AND password_hash = $4',
);
