import { createHash } from 'node:crypto';
import { randomBase62 as base62 } from '../../platform/crypto/random-string.js';

const INVITATION_TOKEN = /^lki_[A-Za-z0-9]{43}$/;

/** sha256 is enough: the token is long and random, so there is nothing to brute-force. */
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface NewInvitationToken {
  /** Travels to the invitee only (in the mail, or the create response); never stored. */
  token: string;
  tokenHash: string;
}

/** A ~256-bit single-use invitation token, `lki_<43 base62>`, and the hash that is stored. */
export function newInvitationToken(): NewInvitationToken {
  const token = `lki_${base62(43)}`;
  return { token, tokenHash: sha256(token) };
}

/**
 * The hash to look a presented token up by; `undefined` when it cannot be one of ours. Looking up
 * by hash needs no separate constant-time comparison: the index lookup compares hashes of a
 * 256-bit secret, and how long that takes tells an attacker nothing about the secret itself.
 */
export function invitationTokenHash(presented: string): string | undefined {
  return INVITATION_TOKEN.test(presented) ? sha256(presented) : undefined;
}

/**
 * The value an organization publishes in `_latchkey-challenge.<domain>`. It is not a secret (DNS is
 * public); it only has to be unpredictable so that nobody can publish it before claiming the domain.
 */
export const newDomainChallenge = (): string => `latchkey-domain-verification=${base62(32)}`;
