import { describe, expect, it } from 'vitest';
import { invitationTokenHash, newDomainChallenge, newInvitationToken } from './organization-secrets.js';

describe('invitation tokens', () => {
  it('hash to what was stored, and only the token does', () => {
    const { token, tokenHash } = newInvitationToken();
    expect(token).toMatch(/^lki_[A-Za-z0-9]{43}$/);
    expect(invitationTokenHash(token)).toBe(tokenHash);
    expect(tokenHash).toHaveLength(64);
    expect(tokenHash).not.toContain(token.slice(4));
    expect(invitationTokenHash(newInvitationToken().token)).not.toBe(tokenHash);
  });

  it('refuses anything that is not shaped like one of ours', () => {
    const { token } = newInvitationToken();
    for (const bad of ['', 'lki_', `${token}x`, token.replace('lki_', 'lk_'), ` ${token}`]) {
      expect(invitationTokenHash(bad)).toBeUndefined();
    }
  });

  it('never repeats', () => {
    expect(new Set(Array.from({ length: 500 }, () => newInvitationToken().token)).size).toBe(500);
    expect(new Set(Array.from({ length: 500 }, newDomainChallenge)).size).toBe(500);
  });
});
