import { createHash } from 'node:crypto';
import type { TInitialAccessTokenStatus } from '@latchkey/contracts';
import { randomBase62 } from '../../platform/crypto/random-string.js';

const TOKEN = /^lkiat_[A-Za-z0-9]{43}$/;

/** sha256 is enough: the token is long and random, so there is nothing to brute-force. */
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface NewInitialAccessToken {
  /** Shown to the admin once (the create response); never stored. */
  token: string;
  tokenHash: string;
}

/** A ~256-bit initial access token, `lkiat_<43 base62>`, and the hash that is stored. */
export function newInitialAccessToken(): NewInitialAccessToken {
  const token = `lkiat_${randomBase62(43)}`;
  return { token, tokenHash: sha256(token) };
}

/**
 * The hash to look a presented token up by; `undefined` when it cannot be one of ours. A lookup by
 * the hash of a 256-bit secret needs no constant-time comparison (see organization-secrets.ts).
 */
export function initialAccessTokenHash(presented: string): string | undefined {
  return TOKEN.test(presented) ? sha256(presented) : undefined;
}

interface TokenState {
  revokedAt: Date | null;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
}

/** Revoked first, then expired, then used up: the reason that will never go away on its own. */
export function initialAccessTokenStatus(row: TokenState, now: Date): TInitialAccessTokenStatus {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (row.maxUses !== null && row.uses >= row.maxUses) return 'used-up';
  return 'active';
}
