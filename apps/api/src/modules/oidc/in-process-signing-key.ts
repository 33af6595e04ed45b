import {
  constants,
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
  sign,
} from 'node:crypto';
import type { JWK } from 'jose';
import { ExternalSigningKey } from 'oidc-provider';

/** How node:crypto makes each JWS algorithm's signature (RFC 7518 §3; RFC 8037 for EdDSA). */
const SIGNERS: Record<string, (data: Uint8Array, key: KeyObject) => Buffer> = {
  ES256: (data, key) => sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }),
  RS256: (data, key) => sign('sha256', data, key),
  PS256: (data, key) =>
    sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
  EdDSA: (data, key) => sign(null, data, key),
};

/**
 * A tenant's signing key as oidc-provider's ExternalSigningKey (features.externalSigningSupport):
 * the signature is computed by node:crypto in the calling thread. With a private JWK, oidc-provider
 * signs through jose's WebCrypto, a thread-pool job per token whose hand-offs cost more than the
 * ECDSA signature itself (docs/benchmarks.md). The private key never leaves this object; the
 * provider sees the public half (`keyObject`, the JWKS) and signatures.
 */
export class InProcessSigningKey extends ExternalSigningKey {
  readonly #kid: string;
  readonly #alg: string;
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  readonly #sign: (data: Uint8Array, key: KeyObject) => Buffer;

  /** Undefined for what it cannot sign with (an unknown algorithm): that key stays a private JWK. */
  static from(jwk: Pick<JWK, 'kid' | 'alg'> & object): InProcessSigningKey | undefined {
    const signer = jwk.alg ? SIGNERS[jwk.alg] : undefined;
    if (!signer || !jwk.kid || !jwk.alg) return undefined;
    return new InProcessSigningKey(
      jwk.kid,
      jwk.alg,
      createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }),
      signer,
    );
  }

  private constructor(
    kid: string,
    alg: string,
    privateKey: KeyObject,
    signer: (data: Uint8Array, key: KeyObject) => Buffer,
  ) {
    super();
    this.#kid = kid;
    this.#alg = alg;
    this.#privateKey = privateKey;
    this.#publicKey = createPublicKey(privateKey);
    this.#sign = signer;
  }

  override get kid(): string {
    return this.#kid;
  }

  override get alg(): string {
    return this.#alg;
  }

  /** The public key: what oidc-provider publishes and verifies its own tokens with. */
  override keyObject(): KeyObject {
    return this.#publicKey;
  }

  override async sign(data: Uint8Array): Promise<Uint8Array> {
    return this.#sign(data, this.#privateKey);
  }
}
