import type {
  TRotateSigningKeysRequest,
  TSigningAlgorithm,
  TSigningKeyList,
  TTenantSettings,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantProvisioner } from '../tenancy/tenant-provisioning.js';
import { completeKeySet, type KeyStore, type Rotation, rotateKeySet } from './key-transitions.js';
import { toSigningKey } from './signing-key-dto.js';
import { sealingContext } from './signing-key-material.js';
import { byStatus, providerOrder, rotationDue } from './signing-key-policy.js';
import { isUniqueViolation, type SigningKeyRow, SigningKeysRepository } from './signing-keys.repository.js';

/** The algorithm of keys provisioned on first use, for tenants created before this module. */
const FIRST_USE_ALGORITHM: TSigningAlgorithm = 'ES256';

/** What the scheduled maintenance did for one tenant. */
export interface KeyMaintenance {
  provisioned: boolean;
  rotated: Rotation | null;
  /** Ids of expired retired keys deleted. */
  deleted: string[];
}

/**
 * Each tenant's token signing keys: one active (signs), one next (published, signs after the next
 * rotation), and retired ones (published until the tokens they signed expire). The OIDC provider
 * reads them through `signingKeySet`; every change is announced on the ChangeBus so each replica
 * drops the provider it built from the old set.
 */
@Injectable()
export class SigningKeysService implements TenantProvisioner {
  private readonly store: KeyStore;

  constructor(
    private readonly db: TenantDatabase,
    private readonly keys: SigningKeysRepository,
    private readonly secrets: SecretBox,
    private readonly changes: ChangeBus,
    private readonly audit: AuditService,
  ) {
    this.store = { keys, secrets };
  }

  /**
   * PRIVATE JWKs (unsealed) for oidc-provider's `jwks` option, in the order described at
   * `providerOrder`: active, next, then retired keys not yet expired. Never expose these.
   */
  async signingKeySet(tenantId: string): Promise<{ keys: JWK[] }> {
    const rows = providerOrder(await this.currentKeys(tenantId), new Date());
    return {
      keys: rows.map((row) =>
        JSON.parse(this.secrets.open(row.privateJwkSealed, sealingContext(tenantId, row.id))),
      ),
    };
  }

  /** Public metadata of every key, active first. */
  async list(tenant: { id: string }): Promise<TSigningKeyList> {
    return { data: byStatus(await this.currentKeys(tenant.id)).map(toSigningKey) };
  }

  /** See `rotateKeySet`; answers the key list after the rotation. */
  async rotate(
    actor: Actor,
    tenant: { id: string },
    request: TRotateSigningKeysRequest,
  ): Promise<TSigningKeyList> {
    const now = new Date();
    const rows = await this.db.run(tenant.id, async (tx) => {
      let locked = await this.keys.lockForChange(tx, tenant.id);
      if (await completeKeySet(this.store, tx, tenant.id, locked, FIRST_USE_ALGORITHM, now)) {
        locked = await this.keys.list(tx, tenant.id);
      }
      const rotation = await rotateKeySet(this.store, tx, tenant.id, locked, request.alg, now);
      await this.recordRotation(tx, tenant.id, actor, rotation, 'manual');
      return this.keys.list(tx, tenant.id);
    });
    await this.announce(tenant.id);
    return { data: byStatus(rows).map(toSigningKey) };
  }

  /** Tenant creation: an active and a next key, in the transaction that inserts the tenant. */
  async provisionTenant(
    tx: TenantTransaction,
    tenant: { id: string; settings: TTenantSettings },
  ): Promise<void> {
    await completeKeySet(this.store, tx, tenant.id, [], tenant.settings.signingKeys.algorithm, new Date());
  }

  /**
   * The daily job, for one tenant: provisions a tenant without keys, rotates once the active key has
   * signed for `rotationDays` (the new next key of `algorithm`, so a settings change reaches the JWKS
   * a period before it signs), and deletes retired keys past `expiresAt`. One transaction.
   */
  async maintain(
    actor: Actor,
    tenantId: string,
    policy: TTenantSettings['signingKeys'],
    now = new Date(),
  ): Promise<KeyMaintenance> {
    const outcome = await this.db.run(tenantId, async (tx): Promise<KeyMaintenance> => {
      let rows = await this.keys.lockForChange(tx, tenantId);
      const provisioned = await completeKeySet(this.store, tx, tenantId, rows, policy.algorithm, now);
      if (provisioned) rows = await this.keys.list(tx, tenantId);
      const active = rows.find((row) => row.status === 'active');
      let rotated: Rotation | null = null;
      if (active && rotationDue(active, policy.rotationDays, now)) {
        rotated = await rotateKeySet(this.store, tx, tenantId, rows, policy.algorithm, now);
        await this.recordRotation(tx, tenantId, actor, rotated, 'scheduled');
      }
      const deleted = await this.keys.deleteExpired(tx, tenantId, now);
      if (deleted.length > 0) {
        await this.audit.record(tx, tenantId, actor, {
          action: 'signing-key.purge',
          targetType: 'signing-key',
          changes: { count: deleted.length, kids: deleted },
        });
      }
      return { provisioned, rotated, deleted };
    });
    if (outcome.provisioned || outcome.rotated || outcome.deleted.length > 0) await this.announce(tenantId);
    return outcome;
  }

  /**
   * The tenant's keys, provisioning an active and a next key for a tenant that has none (tenants
   * created before this module). Concurrent first calls take turns on the key lock, and the later
   * ones find the keys; should a unique index still reject one (a writer that skipped the lock),
   * reading again gives the winner's keys.
   */
  private async currentKeys(tenantId: string): Promise<SigningKeyRow[]> {
    const rows = await this.db.run(tenantId, (tx) => this.keys.list(tx, tenantId));
    if (rows.some((row) => row.status === 'active')) return rows;
    try {
      const { changed, keys } = await this.db.run(tenantId, async (tx) => {
        const locked = await this.keys.lockForChange(tx, tenantId);
        const changed = await completeKeySet(
          this.store,
          tx,
          tenantId,
          locked,
          FIRST_USE_ALGORITHM,
          new Date(),
        );
        return { changed, keys: changed ? await this.keys.list(tx, tenantId) : locked };
      });
      if (changed) await this.announce(tenantId);
      return keys;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.db.run(tenantId, (tx) => this.keys.list(tx, tenantId));
    }
  }

  /** Audited by key id and algorithm only: ids are public (in the JWKS), key material never is. */
  private recordRotation(
    tx: TenantTransaction,
    tenantId: string,
    actor: Actor,
    rotation: Rotation,
    reason: 'manual' | 'scheduled',
  ): Promise<void> {
    return this.audit.record(tx, tenantId, actor, {
      action: 'signing-key.rotate',
      targetType: 'signing-key',
      targetId: rotation.activated,
      changes: { ...rotation, reason },
    });
  }

  /** After the commit: replicas drop what they built from the old key set. */
  private announce(tenantId: string): Promise<void> {
    return this.changes.publish({ tenantId, what: 'signing-keys' });
  }
}
