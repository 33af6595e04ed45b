import { compactVerify, importJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, publicJwkOf, sealingContext } from './signing-key-material.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('generateSigningKey', () => {
  it.each([
    ['ES256', { kty: 'EC', crv: 'P-256' }],
    ['RS256', { kty: 'RSA', e: 'AQAB' }],
    ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }],
  ] as const)('makes a %s key pair whose JWKs carry kid, alg and use', async (alg, shape) => {
    const key = await generateSigningKey(alg);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(key.kid, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(key.privateJwk).toMatchObject({ ...shape, kid: key.kid, alg, use: 'sig' });
    expect(key.privateJwk.d).toBeTypeOf('string');
    expect(key.publicJwk).toMatchObject({ ...shape, kid: key.kid, alg, use: 'sig' });
    for (const member of PRIVATE_MEMBERS) expect(key.publicJwk).not.toHaveProperty(member);
    if (alg === 'RS256') expect(Buffer.from(key.publicJwk.n ?? '', 'base64url').length * 8).toBe(2048);

    // What the private key signs, the public key verifies.
    const jwt = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg, kid: key.kid })
      .sign(await importJWK(key.privateJwk, alg));
    const verified = await compactVerify(jwt, await importJWK(key.publicJwk as JWK, alg));
    expect(verified.protectedHeader.kid).toBe(key.kid);
  });

  it('gives every key a different id', async () => {
    const kids = await Promise.all(
      Array.from({ length: 20 }, async () => (await generateSigningKey('ES256')).kid),
    );
    expect(new Set(kids).size).toBe(20);
  });
});

describe('publicJwkOf', () => {
  it('keeps public members only, by allow-list', () => {
    const jwk = { kty: 'RSA', kid: 'k', alg: 'RS256', use: 'sig', n: 'n', e: 'AQAB', d: 'd', p: 'p', q: 'q' };
    expect(publicJwkOf({ ...jwk, dp: 'x', dq: 'y', qi: 'z', future_secret: 's' })).toEqual({
      kty: 'RSA',
      kid: 'k',
      alg: 'RS256',
      use: 'sig',
      n: 'n',
      e: 'AQAB',
    });
  });
});

describe('sealingContext', () => {
  it('names the tenant and the key', () => {
    expect(sealingContext('t-1', 'kid-1')).toBe('signing-key:t-1:kid-1');
  });
});
