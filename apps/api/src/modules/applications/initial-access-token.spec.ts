import { describe, expect, it } from 'vitest';
import {
  initialAccessTokenHash,
  initialAccessTokenStatus,
  newInitialAccessToken,
} from './initial-access-token.js';

describe('initial access tokens', () => {
  it('are lkiat_ + 43 base62 characters, stored as the sha256 of the whole value', () => {
    const { token, tokenHash } = newInitialAccessToken();
    expect(token).toMatch(/^lkiat_[A-Za-z0-9]{43}$/);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(initialAccessTokenHash(token)).toBe(tokenHash);
    expect(newInitialAccessToken().token).not.toBe(token);
  });

  it('a value that cannot be one of ours is not looked up', () => {
    expect(initialAccessTokenHash('lk_abc')).toBeUndefined();
    expect(initialAccessTokenHash(`lkiat_${'A'.repeat(42)}`)).toBeUndefined();
    expect(initialAccessTokenHash(`lkiat_${'A'.repeat(42)}\u0000`)).toBeUndefined();
  });

  it('status: revoked, then expired, then used up, else active', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const past = new Date('2025-12-31T00:00:00Z');
    const base = { revokedAt: null, expiresAt: null, maxUses: null, uses: 7 };
    expect(initialAccessTokenStatus(base, now)).toBe('active');
    expect(initialAccessTokenStatus({ ...base, maxUses: 8 }, now)).toBe('active');
    expect(initialAccessTokenStatus({ ...base, maxUses: 7 }, now)).toBe('used-up');
    expect(initialAccessTokenStatus({ ...base, maxUses: 7, expiresAt: now }, now)).toBe('expired');
    expect(initialAccessTokenStatus({ ...base, maxUses: 7, expiresAt: past, revokedAt: past }, now)).toBe(
      'revoked',
    );
  });
});
