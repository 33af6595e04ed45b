import type { TSigningAlgorithm, TSigningKey } from '@latchkey/contracts';
import { publicJwkOf } from './signing-key-material.js';
import type { SigningKeyRow } from './signing-keys.repository.js';

/** A key's public metadata; the public JWK goes through the allow-list again, whatever is stored. */
export function toSigningKey(row: SigningKeyRow): TSigningKey {
  return {
    kid: row.id,
    alg: row.alg as TSigningAlgorithm, // a CHECK constraint holds it to the three algorithms
    status: row.status,
    publicJwk: publicJwkOf(row.publicJwk as Record<string, unknown>),
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
