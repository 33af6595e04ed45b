import { createHash, timingSafeEqual } from 'node:crypto';
import { randomBase62 as base62 } from '../../platform/crypto/random-string.js';

const KEY_PATTERN = /^lk_([A-Za-z0-9]{16})_([A-Za-z0-9]{43})$/;

export interface NewApiKeySecret {
  /** The whole key, shown to its creator once: `lk_<keyId>_<secret>`. */
  key: string;
  keyId: string;
  secretHash: string;
}

/** A new key: a 16-character public id that finds the row, and a ~256-bit secret stored only hashed. */
export function newApiKeySecret(): NewApiKeySecret {
  const keyId = base62(16);
  const secret = base62(43);
  return { key: `lk_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

/** Splits a presented key; `undefined` when it cannot be one of ours. */
export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(presented);
  return match ? { keyId: match[1] as string, secret: match[2] as string } : undefined;
}

/** sha256 is enough: the secret is long and random, so there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export const apiKeyPrefix = (keyId: string) => `lk_${keyId}`;
