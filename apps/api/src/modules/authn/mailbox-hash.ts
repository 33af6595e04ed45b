import { createHash } from 'node:crypto';

/** A short, stable stand-in for an address in rate-limit keys (no addresses in Redis keys). */
export function mailboxHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
}
