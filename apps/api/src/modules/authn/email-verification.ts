import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { OidcStore } from '../oidc/storage/oidc-store.js';
import { PendingRecords } from './pending-records.js';

/** How long a mailed code works. */
export const CODE_TTL_SECONDS = 10 * 60;
/** Wrong codes after which the current code is void (a new one must be sent). */
export const CODE_MAX_ATTEMPTS = 5;
/** The shortest gap between two mails of one sign-up. */
export const RESEND_INTERVAL_SECONDS = 30;

/** The key the codes' and links' hashes are made with, derived from the master key. */
export function verificationKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'latchkey email verification code', 32));
}

/**
 * The rate-limit key that makes one mail's verification single use: the code and the link of a
 * mail share it, so whichever comes first wins, also when both race.
 */
export const verificationUsedKey = (tenantId: string, codeId: string): string =>
  `signup:code-used:${tenantId}:${codeId}`;

/** Six decimal digits, uniformly drawn (leading zeros kept). */
export function generateCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * The stored form of a code: an HMAC under a key derived from the master key, bound to the tenant,
 * the interaction and the code's own id, so a stored hash is useless for any other sign-up and the
 * million possible codes cannot be tried offline without the key.
 */
export function hashCode(key: Buffer, scope: CodeScope, code: string): string {
  return mac(key, 'email-verification', scope, code);
}

/** Constant-time comparison of a typed code with the stored hash. */
export function codeMatches(key: Buffer, scope: CodeScope, code: string, stored: string): boolean {
  return sameHash(hashCode(key, scope, code), stored);
}

/** The stored form of a mailed link's token: as a code's, under its own label. */
export function hashLinkToken(key: Buffer, scope: CodeScope, token: string): string {
  return mac(key, 'email-verification-link', scope, token);
}

/** Constant-time comparison of a link's token with the hash kept in the pending sign-up. */
export function linkTokenMatches(key: Buffer, scope: CodeScope, token: string, stored: string): boolean {
  return sameHash(hashLinkToken(key, scope, token), stored);
}

function mac(key: Buffer, label: string, scope: CodeScope, secret: string): string {
  return createHmac('sha256', key)
    .update(`${label}:${scope.tenantId}:${scope.uid}:${scope.codeId}:${secret}`)
    .digest('base64url');
}

function sameHash(presented: string, stored: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CodeScope {
  tenantId: string;
  uid: string;
  codeId: string;
}

/** "grace@example.com" → "g•••e@example.com": enough for the owner to recognize, not to read off. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const chars = [...local];
  const shown = chars.length > 3 ? `${chars[0]}•••${chars.at(-1)}` : `${chars[0] ?? ''}•••`;
  return `${shown}@${domain}`;
}

/**
 * A sign-up waiting for its code, kept with the interaction (its uid is the id). The account does
 * not exist yet: it is created from `profile` when the code matches. A `decoy` stands for a sign-up
 * whose email already has an account (or whose mailbox got too many mails): it looks and counts the
 * same, but no code can complete it.
 */
export interface PendingSignUp {
  email: string;
  profile: {
    givenName?: string | undefined;
    familyName?: string | undefined;
    username?: string | undefined;
    phone?: string | undefined;
    locale?: string | undefined;
  };
  passwordHash: string;
  decoy: boolean;
  /** Changes with every code sent; scopes the code's hash and its attempt counter. */
  codeId: string;
  codeHash: string;
  /** Epoch milliseconds. */
  codeExpiresAt: number;
  resendAvailableAt: number;
  /** Locale for the mails of this sign-up (the authorization request's ui_locales). */
  mailLocale?: string | undefined;
  /** The hash of the latest mail's link token (hashLinkToken, same scope as its code); none for a decoy. */
  linkHash?: string | undefined;
  /** The interaction's end (epoch seconds): how long the record is kept when the link updates it. */
  expiresAt?: number | undefined;
  /**
   * Set once the mailed link verified the address: the account it created, which this sign-in
   * (`sign-up/complete`) signs in. The password hash is dropped then.
   */
  verifiedAccountId?: string | undefined;
}

/**
 * Pending sign-ups in the store of short-lived OIDC artifacts (Redis when REDIS_URL is set, else
 * PostgreSQL), so any replica can continue them; they expire with their interaction.
 */
export class PendingSignUps extends PendingRecords<PendingSignUp> {
  constructor(store: Pick<OidcStore, 'upsert' | 'find' | 'destroy'>, tenantId: string) {
    super(store, tenantId, 'EmailVerification');
  }
}

/** A fresh code for `pending` (or a new sign-up): its id, hash and times; the code itself to mail. */
export function issueCode(key: Buffer, tenantId: string, uid: string, now = Date.now()) {
  const code = generateCode();
  const codeId = randomBytes(12).toString('base64url');
  return {
    code,
    fields: {
      codeId,
      codeHash: hashCode(key, { tenantId, uid, codeId }, code),
      codeExpiresAt: now + CODE_TTL_SECONDS * 1000,
      resendAvailableAt: now + RESEND_INTERVAL_SECONDS * 1000,
    },
  };
}
