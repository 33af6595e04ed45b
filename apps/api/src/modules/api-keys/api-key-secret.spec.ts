import { describe, expect, it } from 'vitest';
import { hashSecret, newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret.js';

describe('API key secrets', () => {
  it('round-trips a new key through parsing and verification', () => {
    const created = newApiKeySecret();
    expect(created.key).toMatch(/^lk_[A-Za-z0-9]{16}_[A-Za-z0-9]{43}$/);
    const parsed = parseApiKey(created.key);
    expect(parsed?.keyId).toBe(created.keyId);
    expect(secretMatches(parsed?.secret ?? '', created.secretHash)).toBe(true);
    expect(created.secretHash).not.toContain(parsed?.secret ?? '-');
  });

  it('rejects a wrong secret and malformed keys', () => {
    const created = newApiKeySecret();
    expect(secretMatches('x'.repeat(43), created.secretHash)).toBe(false);
    expect(secretMatches('x', 'nothex')).toBe(false);
    for (const bad of ['', 'lk_', `${created.key}x`, created.key.replace('lk_', 'sk_'), 'Bearer lk_a_b']) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 500 }, () => newApiKeySecret().key));
    expect(keys.size).toBe(500);
    expect(hashSecret('a')).toHaveLength(64);
  });
});
