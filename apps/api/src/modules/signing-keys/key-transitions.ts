import type { TSigningAlgorithm } from '@latchkey/contracts';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { generateSigningKey, sealingContext } from './signing-key-material.js';
import { retiredKeyExpiry } from './signing-key-policy.js';
import type { SigningKeyRow, SigningKeysRepository } from './signing-keys.repository.js';

/**
 * The state changes of a tenant's key set. Each runs inside a tenant transaction that holds the
 * tenant's key lock (SigningKeysRepository.lockForChange), on the rows read under that lock, so
 * concurrent callers take turns and each sees the previous one's result.
 */
export interface KeyStore {
  keys: SigningKeysRepository;
  secrets: SecretBox;
}

/** What a rotation did, by key id (ids are public: they are in the JWKS). */
export interface Rotation {
  activated: string;
  retired: string | null;
  next: string;
  nextAlg: TSigningAlgorithm;
}

/** Generates a key, seals its private JWK for this tenant and key, and inserts it. */
async function addKey(
  store: KeyStore,
  tx: TenantTransaction,
  tenantId: string,
  alg: TSigningAlgorithm,
  status: 'active' | 'next',
  now: Date,
): Promise<SigningKeyRow['id']> {
  const key = await generateSigningKey(alg);
  await store.keys.insert(tx, tenantId, {
    id: key.kid,
    alg,
    status,
    publicJwk: key.publicJwk,
    privateJwkSealed: store.secrets.seal(JSON.stringify(key.privateJwk), sealingContext(tenantId, key.kid)),
    createdAt: now,
    activatedAt: status === 'active' ? now : null,
  });
  return key.kid;
}

/**
 * Gives the tenant an active and a next key where it lacks them: both of `alg` for a tenant without
 * keys (its first provisioning). Should only the active key be missing, the next one is promoted
 * rather than a fresh, never-published key signing at once. Returns whether anything changed.
 */
export async function completeKeySet(
  store: KeyStore,
  tx: TenantTransaction,
  tenantId: string,
  rows: readonly SigningKeyRow[],
  alg: TSigningAlgorithm,
  now: Date,
): Promise<boolean> {
  let active = rows.find((row) => row.status === 'active');
  let next = rows.find((row) => row.status === 'next');
  if (active && next) return false;
  if (!active && next) {
    await store.keys.activate(tx, tenantId, next.id, now);
    active = next;
    next = undefined;
  }
  if (!active) await addKey(store, tx, tenantId, alg, 'active', now);
  if (!next) await addKey(store, tx, tenantId, (active?.alg as TSigningAlgorithm) ?? alg, 'next', now);
  return true;
}

/**
 * next → active (activated now), active → retired (kept published until every token it may have
 * signed has expired), and a new next key: of `alg` when given, else of the promoted key's algorithm.
 * A requested algorithm thus starts signing only at the following rotation, after relying parties
 * have had the key in the JWKS for a whole rotation period. `rows` must hold an active and a next key
 * (completeKeySet first).
 */
export async function rotateKeySet(
  store: KeyStore,
  tx: TenantTransaction,
  tenantId: string,
  rows: readonly SigningKeyRow[],
  alg: TSigningAlgorithm | undefined,
  now: Date,
): Promise<Rotation> {
  const active = rows.find((row) => row.status === 'active');
  const next = rows.find((row) => row.status === 'next');
  if (!next) throw new Error('rotateKeySet needs a next key: complete the key set first');
  // Order matters: the partial unique indexes allow one active and one next key at every statement.
  if (active) await store.keys.retire(tx, tenantId, active.id, now, retiredKeyExpiry(now));
  await store.keys.activate(tx, tenantId, next.id, now);
  const nextAlg = alg ?? (next.alg as TSigningAlgorithm);
  const created = await addKey(store, tx, tenantId, nextAlg, 'next', now);
  return { activated: next.id, retired: active?.id ?? null, next: created, nextAlg };
}
