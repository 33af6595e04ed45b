import { hash } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  argon2Parameters,
  argon2Thread,
  hashPassword,
  needsRehash,
  OWASP_ARGON2ID,
  useArgon2Parameters,
  useArgon2Thread,
  verifyPassword,
} from './password-hasher.js';

afterEach(() => {
  useArgon2Parameters(OWASP_ARGON2ID);
  useArgon2Thread('auto');
});

describe('password hashing', () => {
  it("hashes with the deployment's parameters once they are set", async () => {
    useArgon2Parameters({ memoryCost: 12_288, timeCost: 3, parallelism: 1 });
    expect(argon2Parameters()).toEqual({ memoryCost: 12_288, timeCost: 3, parallelism: 1 });
    const phc = await hashPassword('correct horse battery staple');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
  });
});

describe('where hashes run', () => {
  it.each(['inline', 'pool'] as const)(
    'hashes with argon2id at the OWASP parameters and verifies, on the %s thread',
    async (thread) => {
      useArgon2Thread(thread);
      expect(argon2Thread()).toBe(thread);
      const phc = await hashPassword('correct horse battery staple');
      expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
      expect(await verifyPassword(phc, 'Correct horse battery staple')).toBe(false);
      // A malformed stored hash never authenticates anyone (and never throws).
      expect(await verifyPassword('not a hash', 'x')).toBe(false);
      expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'x')).toBe(false);
    },
  );

  it('verifies on one thread what the other hashed', async () => {
    useArgon2Thread('pool');
    const pooled = await hashPassword('a password');
    useArgon2Thread('inline');
    const inline = await hashPassword('a password');
    expect(await verifyPassword(pooled, 'a password')).toBe(true);
    useArgon2Thread('pool');
    expect(await verifyPassword(inline, 'a password')).toBe(true);
  });
});

describe('needsRehash', () => {
  it('is false for a hash made with the current parameters', async () => {
    expect(needsRehash(await hashPassword('a password'))).toBe(false);
  });

  it('is true once any parameter differs, and a hash with the new ones is current again', async () => {
    const old = await hashPassword('a password');
    for (const changed of [
      { memoryCost: 47_104, timeCost: 1, parallelism: 1 },
      { memoryCost: 19_456, timeCost: 3, parallelism: 1 },
      { memoryCost: 19_456, timeCost: 2, parallelism: 2 },
    ]) {
      useArgon2Parameters(changed);
      expect(needsRehash(old), JSON.stringify(changed)).toBe(true);
      expect(needsRehash(await hashPassword('a password'))).toBe(false);
    }
  });

  it('is true for argon2i, argon2d and an old argon2 version at the same costs', async () => {
    const costs = { ...OWASP_ARGON2ID };
    expect(needsRehash(await hash('x', { ...costs, algorithm: 1 }))).toBe(true); // argon2i
    expect(needsRehash(await hash('x', { ...costs, algorithm: 0 }))).toBe(true); // argon2d
    expect(needsRehash(await hash('x', { ...costs, algorithm: 2, version: 0 }))).toBe(true); // v=16
    expect(needsRehash(await hash('x', { ...costs, algorithm: 2, outputLen: 16 }))).toBe(true);
  });

  it('tells apart hashes that differ only in salt or output length (its answers are kept by shape)', async () => {
    const costs = { ...OWASP_ARGON2ID, algorithm: 2 };
    const current = await hashPassword('a password');
    expect(needsRehash(current)).toBe(false);
    expect(needsRehash(await hash('x', { ...costs, salt: new Uint8Array(8).fill(7) }))).toBe(true);
    expect(needsRehash(await hash('x', { ...costs, outputLen: 64 }))).toBe(true);
    expect(needsRehash(await hashPassword('another password'))).toBe(false);
  });

  it('is false for what is not an argon2 hash at all (it never verifies, so nothing to replace)', () => {
    for (const junk of [
      '',
      'not a hash',
      '$2b$10$abcdefghijklmnopqrstuv',
      '$argon2id$v=19$m=x,t=2,p=1$a$b',
    ]) {
      expect(needsRehash(junk), junk).toBe(false);
    }
  });
});
