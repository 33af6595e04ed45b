import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { OidcStore } from '../oidc/storage/oidc-store.js';
import { PendingRecords } from './pending-records.js';

/** How long a mailed code works. */
export const CODE_TTL_SECONDS = 10 * 60;
/** Wrong codes after which the current code is void (a new one must be sent). */
export const CODE_MAX_ATTEMPTS = 5;
/** The shortest gap between two mails of one sign-up. */
export const RESEND_INTERVAL_SECONDS = 30;

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
  return createHmac('sha256', key)
    .update(`email-verification:${scope.tenantId}:${scope.uid}:${scope.codeId}:${code}`)
    .digest('base64url');
}

/** Constant-time comparison of a typed code with the stored hash. */
export function codeMatches(key: Buffer, scope: CodeScope, code: string, stored: string): boolean {
  const presented = Buffer.from(hashCode(key, scope, code));
  const expected = Buffer.from(stored);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
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
