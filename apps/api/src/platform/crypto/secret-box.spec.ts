import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in the clear', () => {
    const sealed = box.seal('s3cret-value', 'client-secret:t1:a1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'client-secret:t1:a1')).toBe('s3cret-value');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value sealed for another context (a row copied into another tenant)', () => {
    const sealed = box.seal('key material', 'signing-key:tenant-a:k1');
    expect(() => box.open(sealed, 'signing-key:tenant-b:k1')).toThrow();
  });

  it('refuses a tampered ciphertext and a different master key', () => {
    const sealed = box.seal('key material', 'c');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => box.open(parts.join('.'), 'c')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'c')).toThrow();
  });

  it('refuses unknown formats and short master keys', () => {
    expect(() => box.open('v0.a.b.c', 'c')).toThrow(/known version/);
    expect(() => box.open('garbage', 'c')).toThrow(/known version/);
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
