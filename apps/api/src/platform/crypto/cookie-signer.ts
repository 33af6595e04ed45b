import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs and checks oidc-provider's cookies (its `cookies.keys` takes a Keygrip or anything with
 * Keygrip's three methods): the same signatures as Keygrip's defaults (HMAC-SHA1, URL-safe base64
 * without padding), so cookies set before stay valid. Made once per provider: the `cookies` module
 * otherwise builds a Keygrip per request, and its comparison computes two more HMACs (and draws a
 * random key) for every signature it checks; here a signature is one HMAC and one constant-time
 * comparison of equal-length buffers.
 */
export class CookieSigner {
  private readonly keys: readonly string[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('a cookie signer needs at least one key');
    this.keys = [...keys];
  }

  /** The signature with the first key (the one new cookies get). */
  sign(data: string): string {
    return signature(data, this.keys[0] as string);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** Which key made `digest`, or -1: older keys keep verifying after a rotation. */
  index(data: string, digest: string): number {
    const presented = Buffer.from(String(digest));
    for (let i = 0; i < this.keys.length; i++) {
      const expected = Buffer.from(signature(data, this.keys[i] as string));
      if (presented.length === expected.length && timingSafeEqual(presented, expected)) return i;
    }
    return -1;
  }
}

function signature(data: string, key: string): string {
  return createHmac('sha1', key).update(data).digest('base64url');
}
