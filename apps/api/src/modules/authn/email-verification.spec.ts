import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CODE_TTL_SECONDS,
  codeMatches,
  generateCode,
  hashCode,
  hashLinkToken,
  issueCode,
  linkTokenMatches,
  maskEmail,
  RESEND_INTERVAL_SECONDS,
} from './email-verification.js';

const key = randomBytes(32);
const scope = { tenantId: 't1', uid: 'uid-1', codeId: 'c1' };

describe('generateCode', () => {
  it('makes six digits, leading zeros kept, and does not repeat itself', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Every digit turns up in the first position: the range is not cut short (e.g. no 0xxxxx).
    expect(new Set(codes.map((code) => code[0])).size).toBe(10);
  });
});

describe('hashCode / codeMatches', () => {
  it('matches the code it was made from and nothing else', () => {
    const stored = hashCode(key, scope, '042917');
    expect(stored).not.toContain('042917');
    expect(codeMatches(key, scope, '042917', stored)).toBe(true);
    expect(codeMatches(key, scope, '042918', stored)).toBe(false);
    expect(codeMatches(key, scope, '42917', stored)).toBe(false);
  });

  it('is bound to the tenant, the interaction, the code id and the key', () => {
    const stored = hashCode(key, scope, '123456');
    expect(codeMatches(key, { ...scope, tenantId: 't2' }, '123456', stored)).toBe(false);
    expect(codeMatches(key, { ...scope, uid: 'uid-2' }, '123456', stored)).toBe(false);
    expect(codeMatches(key, { ...scope, codeId: 'c2' }, '123456', stored)).toBe(false);
    expect(codeMatches(randomBytes(32), scope, '123456', stored)).toBe(false);
  });

  it('refuses a stored value of another length without throwing', () => {
    expect(codeMatches(key, scope, '123456', 'short')).toBe(false);
  });
});

describe('issueCode', () => {
  it('gives a fresh id and hash per code, with its expiry and resend time', () => {
    const now = Date.UTC(2030, 0, 1);
    const a = issueCode(key, 't1', 'uid-1', now);
    const b = issueCode(key, 't1', 'uid-1', now);
    expect(a.fields.codeId).not.toBe(b.fields.codeId);
    expect(a.fields.codeExpiresAt).toBe(now + CODE_TTL_SECONDS * 1000);
    expect(a.fields.resendAvailableAt).toBe(now + RESEND_INTERVAL_SECONDS * 1000);
    const own = { tenantId: 't1', uid: 'uid-1', codeId: a.fields.codeId };
    expect(codeMatches(key, own, a.code, a.fields.codeHash)).toBe(true);
    // A new code voids the old one: the old code is checked against the new id and hash.
    expect(b.fields.codeHash).not.toBe(a.fields.codeHash);
  });
});

describe('maskEmail', () => {
  it.each([
    ['grace@example.com', 'g•••e@example.com'],
    ['al@example.com', 'a•••@example.com'],
    ['x@example.com', 'x•••@example.com'],
    ['jöran.ångström@example.se', 'j•••m@example.se'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('hashLinkToken / linkTokenMatches', () => {
  const token = randomBytes(32).toString('base64url');

  it('matches the token it was made from, in its scope only', () => {
    const stored = hashLinkToken(key, scope, token);
    expect(stored).not.toContain(token);
    expect(linkTokenMatches(key, scope, token, stored)).toBe(true);
    expect(linkTokenMatches(key, scope, randomBytes(32).toString('base64url'), stored)).toBe(false);
    // Another mail of the same sign-up (a resend), or another sign-up: no match.
    expect(linkTokenMatches(key, { ...scope, codeId: 'c2' }, token, stored)).toBe(false);
    expect(linkTokenMatches(key, { ...scope, uid: 'uid-2' }, token, stored)).toBe(false);
    expect(linkTokenMatches(randomBytes(32), scope, token, stored)).toBe(false);
  });

  it('is not the hash of a code made of the same characters', () => {
    expect(hashLinkToken(key, scope, '042917')).not.toBe(hashCode(key, scope, '042917'));
    expect(linkTokenMatches(key, scope, '042917', hashCode(key, scope, '042917'))).toBe(false);
  });
});
