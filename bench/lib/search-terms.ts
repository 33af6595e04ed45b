import type { SampledUser } from './million-users.js';

/**
 * What an admin types into a user search: the start of someone's email, 1 to 12 characters, as
 * the address was typed (so with capitals now and then), and one time in ten a prefix that matches
 * nobody. Short prefixes match tens of thousands of users and long ones a handful; the misses are
 * the case where a plan that walks the newest users looking for matches would read all of them.
 * Drawn with a fixed seed: every run sends the same prefixes in the same order.
 */
export function emailPrefixes(sample: readonly SampledUser[], count = 2000): string[] {
  if (sample.length === 0) throw new Error('no sampled users to take prefixes from');
  const random = seeded(2026);
  const prefixes: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = sample[Math.floor(random() * sample.length)] as SampledUser;
    const prefix = user.email.slice(0, 1 + Math.floor(random() * 12));
    prefixes.push(random() < 0.1 ? `${prefix}qx` : prefix);
  }
  return prefixes;
}

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
