import { randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Uniformly random base62 (rejection sampling: bytes of 248 and above are dropped, so every
 * character has the same 1/62 chance; no modulo bias). `length` characters carry
 * `length × log2(62) ≈ length × 5.95` bits: 22 for 128 bits, 43 for 256.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
