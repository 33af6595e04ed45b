import { describe, expect, it } from 'vitest';
import { randomBase62 } from './random-string.js';

describe('randomBase62', () => {
  it('has the asked length and only base62 characters', () => {
    for (const length of [1, 24, 43, 100])
      expect(randomBase62(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
  });

  it('uses every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(62_000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 1,000 expected per character; a biased generator would push the first 8 far above.
    for (const count of counts.values()) expect(count).toBeGreaterThan(820);
    for (const count of counts.values()) expect(count).toBeLessThan(1180);
  });
});
