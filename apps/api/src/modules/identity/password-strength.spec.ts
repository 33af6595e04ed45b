import { describe, expect, it } from 'vitest';
import { estimateStrength, STRENGTH_CHECKED_LENGTH, userInputs } from './password-strength.js';

describe('estimateStrength', () => {
  it('scores passphrases high and common passwords low, with feedback keys and English', async () => {
    expect((await estimateStrength('correct horse battery staple', [])).score).toBe(4);
    const common = await estimateStrength('Password1', []);
    expect(common.score).toBeLessThan(2);
    expect(common.hints[0]).toMatch(/^warnings\./);
    expect(common.hints.some((hint) => hint.startsWith('suggestions.'))).toBe(true);
    expect(common.english.length).toBeGreaterThan(10);
    expect((await estimateStrength('qwertyuiop[]', [])).hints[0]).toBe('warnings.straightRow');
  });

  it("counts a password built from the user's own facts as weak", async () => {
    const alone = await estimateStrength('alice2024', []);
    const forAlice = await estimateStrength('alice2024', ['alice@example.com', 'Alice', 'Liddell']);
    expect(forAlice.score).toBeLessThan(2);
    expect(forAlice.score).toBeLessThanOrEqual(alone.score);
    expect(forAlice.hints[0]).toBe('warnings.userInputs');
    // The tenant's name is a fact too.
    const brand = await estimateStrength('wonderland-acme', ['Wonderland Acme', 'wonderland-acme']);
    expect(brand.hints[0]).toBe('warnings.userInputs');
    expect((await estimateStrength('wonderland-acme', [])).score).toBeGreaterThan(brand.score);
  });

  it('looks only at the first characters of a very long password, quickly', async () => {
    await estimateStrength('warm up the dictionaries', []);
    // Digits and symbols are l33t for letters: the costliest input zxcvbn has to match.
    const hostile = '4@3$1!0|7+(8'.repeat(100);
    const started = performance.now();
    await estimateStrength(hostile, []);
    expect(performance.now() - started).toBeLessThan(1_000);
    // A weak prefix stays weak whatever follows it.
    const padded = `${'a'.repeat(STRENGTH_CHECKED_LENGTH)}Xq9!vR2#kT7$`;
    expect((await estimateStrength(padded, [])).score).toBe(0);
  });
});

describe('userInputs', () => {
  it('splits emails and names into lowercase parts, dropping short and empty ones', () => {
    expect(userInputs(['Alice.Liddell+news@Example.com', 'Mary Ann', null, undefined, '', 'Jo'])).toEqual([
      'alice.liddell+news@example.com',
      'alice',
      'liddell',
      'news',
      'example',
      'com',
      'mary ann',
      'mary',
      'ann',
    ]);
  });
});
