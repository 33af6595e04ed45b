import { createHash } from 'node:crypto';
import type { TTenantSettings } from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';

type Protection = TTenantSettings['signInProtection'];

const tooManyAttempts = (retryAfter: number) =>
  new AppError('sign-in-throttled', 429, 'Too many attempts', {
    detail: `Too many sign-in attempts. Wait ${retryAfter} s before trying again.`,
    headers: { 'retry-after': String(retryAfter) },
  });

export const accountLocked = (retryAfter: number) =>
  new AppError('account-locked', 429, 'Account temporarily locked', {
    detail: `Too many failed sign-ins: this account is locked for ${Math.ceil(retryAfter / 60)} min.`,
    headers: { 'retry-after': String(retryAfter) },
  });

/**
 * Password sign-in protection (see the tenant setting signInProtection): back-off per account after
 * a few failures, a temporary lock after more, and a per-IP limit across accounts. Accounts are
 * keyed by their normalized identifier, hashed (no emails in Redis keys), whether or not they
 * exist, so the answers are the same for unknown accounts.
 */
export class SignInThrottle {
  constructor(private readonly limiter: RateLimiter) {}

  /**
   * Refuses the attempt (429 with Retry-After) while the IP, or the account, must wait — one round
   * trip for all the counters, as it runs before every password check. Tells whether the account
   * has failures on record, i.e. whether a success has anything to forget.
   */
  async preflight(
    tenantId: string,
    identifier: string,
    ip: string,
    protection: Protection,
  ): Promise<{ accountHasFailures: boolean }> {
    const keys = this.keys(tenantId, identifier, ip);
    const [address, lock, gap, failures] = await this.limiter.inspect([
      keys.ip,
      keys.lock,
      keys.gap,
      keys.failures,
    ]);
    if (address && address.count >= protection.ipFailureLimit)
      throw tooManyAttempts(Math.max(1, address.ttl));
    if (lock && lock.ttl > 0) throw accountLocked(lock.ttl);
    if (gap && gap.ttl > 0) throw tooManyAttempts(gap.ttl);
    return { accountHasFailures: (failures?.count ?? 0) > 0 || (gap?.count ?? 0) > 0 };
  }

  /** Records a failure; `locked` tells the caller the account has just been locked. */
  async failed(
    tenantId: string,
    identifier: string,
    ip: string,
    protection: Protection,
  ): Promise<{ locked: boolean }> {
    const keys = this.keys(tenantId, identifier, ip);
    const window = protection.windowMinutes * 60;
    const [failures] = await Promise.all([
      this.limiter.hit(keys.failures, window),
      this.limiter.hit(keys.ip, window),
    ]);
    if (failures >= protection.lockAfter) {
      await Promise.all([
        this.limiter.set(keys.lock, 1, protection.lockMinutes * 60),
        this.limiter.reset(keys.failures),
        this.limiter.reset(keys.gap),
      ]);
      return { locked: true };
    }
    if (failures >= protection.throttleAfter) {
      // 1 s after the first throttled failure, then 2 s, 4 s, … (capped at the window).
      const delay = Math.min(2 ** (failures - protection.throttleAfter), window);
      await this.limiter.set(keys.gap, 1, delay);
    }
    return { locked: false };
  }

  /** A successful sign-in forgets the account's failures (not the IP's). */
  async succeeded(tenantId: string, identifier: string): Promise<void> {
    const keys = this.keys(tenantId, identifier, '');
    await this.limiter.resetMany([keys.failures, keys.gap]);
  }

  /** A password reset forgets the account's failures, back-off and lock (not the IP's). */
  async clear(tenantId: string, identifier: string): Promise<void> {
    const keys = this.keys(tenantId, identifier, '');
    await Promise.all([
      this.limiter.reset(keys.failures),
      this.limiter.reset(keys.gap),
      this.limiter.reset(keys.lock),
    ]);
  }

  private keys(tenantId: string, identifier: string, ip: string) {
    const account = createHash('sha256')
      .update(identifier.trim().toLowerCase())
      .digest('base64url')
      .slice(0, 32);
    return {
      failures: `signin:fail:${tenantId}:${account}`,
      gap: `signin:gap:${tenantId}:${account}`,
      lock: `signin:lock:${tenantId}:${account}`,
      ip: `signin:ip:${tenantId}:${ip}`,
    };
  }
}
