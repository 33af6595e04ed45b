import { randomBytes } from 'node:crypto';
import { compactVerify, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { InProcessSigningKey } from './in-process-signing-key.js';

const CASES = [
  { alg: 'ES256', options: {} },
  { alg: 'RS256', options: { modulusLength: 2048 } },
  { alg: 'PS256', options: { modulusLength: 2048 } },
  { alg: 'EdDSA', options: { crv: 'Ed25519' } },
] as const;

async function privateJwk(alg: string, options: object): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { ...options, extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg, use: 'sig' };
}

/** A compact JWS as oidc-provider assembles it around an ExternalSigningKey's signature. */
async function jws(key: InProcessSigningKey, payload: object): Promise<string> {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: key.alg, kid: key.kid })}.${encode(payload)}`;
  const signature = await key.sign(Buffer.from(signingInput));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}

describe('InProcessSigningKey', () => {
  for (const { alg, options } of CASES) {
    it(`signs ${alg} so that jose verifies it with the public JWK alone`, async () => {
      const jwk = await privateJwk(alg, options);
      const key = InProcessSigningKey.from(jwk);
      if (!key) throw new Error(`no key for ${alg}`);
      expect({ kid: key.kid, alg: key.alg, use: key.use, kty: key.kty }).toEqual({
        kid: jwk.kid,
        alg,
        use: 'sig',
        kty: jwk.kty,
      });
      const publicJwk = key.keyObject().export({ format: 'jwk' });
      expect(publicJwk).not.toHaveProperty('d');
      const token = await jws(key, { sub: 'u1', n: randomBytes(4).toString('hex') });
      const verified = await compactVerify(token, await importJWK({ ...publicJwk, alg }, alg));
      expect(JSON.parse(Buffer.from(verified.payload).toString())).toMatchObject({ sub: 'u1' });
      // Another key of the same kind does not verify it.
      const other = await privateJwk(alg, options);
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...otherPublic } = other;
      await expect(compactVerify(token, await importJWK(otherPublic, alg))).rejects.toThrow();
    });
  }

  it('leaves what it cannot sign with to oidc-provider (an unknown algorithm, no kid)', async () => {
    const jwk = await privateJwk('ES256', {});
    expect(InProcessSigningKey.from({ ...jwk, alg: 'ES512' })).toBeUndefined();
    expect(InProcessSigningKey.from({ ...jwk, kid: undefined })).toBeUndefined();
    expect(InProcessSigningKey.from({ ...jwk, alg: undefined })).toBeUndefined();
  });
});
