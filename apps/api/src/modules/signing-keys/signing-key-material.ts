import { randomBytes } from 'node:crypto';
import type { TPublicJwk, TSigningAlgorithm } from '@latchkey/contracts';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** Bytes of randomness in a key id (base64url: 22 characters). */
const KID_BYTES = 16;

/** How each algorithm's key pair is generated. */
const KEY_OPTIONS: Record<TSigningAlgorithm, { crv?: string; modulusLength?: number }> = {
  ES256: {},
  RS256: { modulusLength: 2048 },
  EdDSA: { crv: 'Ed25519' },
};

/** The members of a JWK that are public, whatever its type; everything else (d, p, q, …) is private. */
const PUBLIC_MEMBERS = ['kty', 'kid', 'alg', 'use', 'crv', 'x', 'y', 'n', 'e'] as const;

/** A freshly generated key: the private JWK is for sealing at once, never for storing in clear. */
export interface GeneratedSigningKey {
  kid: string;
  alg: TSigningAlgorithm;
  publicJwk: TPublicJwk;
  privateJwk: JWK;
}

/** A new key pair of `alg`; both JWKs carry `kid`, `alg` and `use: 'sig'`, as oidc-provider expects. */
export async function generateSigningKey(alg: TSigningAlgorithm): Promise<GeneratedSigningKey> {
  const { privateKey } = await generateKeyPair(alg, { ...KEY_OPTIONS[alg], extractable: true });
  const kid = randomBytes(KID_BYTES).toString('base64url');
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  return { kid, alg, publicJwk: publicJwkOf(privateJwk), privateJwk };
}

/**
 * The public half of a JWK, by allow-list: a private member can only reach a response if this list
 * names it, so a new key type with other private members cannot leak by default.
 */
export function publicJwkOf(jwk: JWK | Record<string, unknown>): TPublicJwk {
  const source = jwk as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) {
    if (typeof source[member] === 'string') picked[member] = source[member];
  }
  return picked as TPublicJwk;
}

/** What SecretBox binds a sealed private JWK to, so a sealed key copied to another row fails to open. */
export const sealingContext = (tenantId: string, kid: string): string => `signing-key:${tenantId}:${kid}`;
