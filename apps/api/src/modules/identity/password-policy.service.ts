import type { TProblemFieldError, TTenantSettings } from '@latchkey/contracts';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { verifyPassword } from '../../platform/crypto/password-hasher.js';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { passwordReused, passwordTooShort, passwordTooWeak } from './password.errors.js';
import { PasswordHistoryRepository } from './password-history.repository.js';
import { estimateStrength } from './password-strength.js';
import { UsersRepository } from './users.repository.js';

export type TPasswordPolicy = TTenantSettings['passwordPolicy'];

/** Whose new password it is. */
export interface PasswordOwner {
  /** An existing user: their stored profile counts as facts and their last passwords may not return. */
  userId?: string | undefined;
  /** What else is known about them (the email and names being signed up or set with the password). */
  facts?: ReadonlyArray<string | null | undefined>;
}

/**
 * The tenant's password policy (docs/passwords.md), wherever a password is set: self sign-up,
 * reset by mailed link, and the management API. Length, then strength (zxcvbn, with the user's
 * own facts as a dictionary), then history (the current and earlier hashes, each verified).
 */
@Injectable()
export class PasswordPolicyService implements OnApplicationBootstrap {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UsersRepository,
    private readonly history: PasswordHistoryRepository,
  ) {}

  /**
   * Loads the strength estimator's dictionaries now, not on the first password set: building them
   * holds the event loop for a quarter second or more, which must not land on a request (or on a
   * graceful shutdown, whose connections would wait unaccepted meanwhile).
   */
  onApplicationBootstrap(): void {
    void estimateStrength('warm-up only', []).catch(() => undefined);
  }

  /** What is wrong with `password` as the new one: at most one field error (`path`), none if it is fine. */
  async problems(
    tenant: TenantRecord,
    policy: TPasswordPolicy,
    password: string,
    owner: PasswordOwner,
    path = 'password',
  ): Promise<TProblemFieldError[]> {
    if ([...password].length < policy.minLength) return [passwordTooShort(policy.minLength, path)];
    // The stored user matters for strength (their facts) and history; with both off, skip the read.
    const userId = policy.minStrength > 0 || policy.historySize > 0 ? owner.userId : undefined;
    const known = userId ? await this.known(tenant.id, userId, policy.historySize) : undefined;
    if (policy.minStrength > 0) {
      const facts = [...(owner.facts ?? []), ...(known?.facts ?? []), tenant.slug, tenant.displayName];
      const strength = await estimateStrength(password, facts);
      if (strength.score < policy.minStrength) return [passwordTooWeak(strength, policy.minStrength, path)];
    }
    // One after another, stopping at a match: each verification is a full argon2id computation.
    for (const hash of known?.hashes ?? []) {
      if (await verifyPassword(hash, password)) return [passwordReused(policy.historySize, path)];
    }
    return [];
  }

  /** As `problems`, throwing them as a 400 `validation-failed`. */
  async assertAcceptable(
    tenant: TenantRecord,
    policy: TPasswordPolicy,
    password: string,
    owner: PasswordOwner,
  ): Promise<void> {
    const problems = await this.problems(tenant, policy, password, owner);
    if (problems.length > 0)
      throw AppError.validation(problems, 'The new password does not meet the policy.');
  }

  /**
   * In the transaction that replaces a user's password (or removes it): the replaced hash joins the
   * history, which is trimmed to what `historySize` still needs (the current password is one of them).
   */
  recordReplaced(
    tx: TenantTransaction,
    tenantId: string,
    userId: string,
    previousHash: string | null,
    policy: TPasswordPolicy,
  ): Promise<void> {
    return this.history.replaced(tx, tenantId, userId, previousHash, Math.max(policy.historySize - 1, 0));
  }

  /** The user's profile facts and the hashes a new password must not match (current first). */
  private known(tenantId: string, userId: string, historySize: number) {
    return this.db.run(tenantId, async (tx) => {
      const user = await this.users.find(tx, tenantId, userId);
      if (!user) return { facts: [], hashes: [] };
      const earlier = await this.history.recent(tx, tenantId, userId, historySize - 1);
      const current = historySize > 0 && user.passwordHash ? [user.passwordHash] : [];
      return {
        facts: [user.email, user.username, user.givenName, user.familyName, user.displayName],
        hashes: [...current, ...earlier],
      };
    });
  }
}
