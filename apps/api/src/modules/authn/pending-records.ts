import type { AdapterPayload } from 'oidc-provider';
import type { OidcStore } from '../oidc/storage/oidc-store.js';

/**
 * Records that wait with an interaction (a sign-up's code, a passwordless sign-in's code), kept by
 * the interaction's uid in the store of short-lived OIDC artifacts (Redis when REDIS_URL is set,
 * else PostgreSQL), so any replica can continue them; they expire with their interaction.
 */
export class PendingRecords<T extends object> {
  constructor(
    private readonly store: Pick<OidcStore, 'upsert' | 'find' | 'destroy'>,
    private readonly tenantId: string,
    private readonly model: string,
  ) {}

  async find(uid: string): Promise<T | undefined> {
    const stored = await this.store.find(this.tenantId, this.model, uid);
    return stored ? (stored as unknown as T) : undefined;
  }

  save(uid: string, pending: T, expiresInSeconds: number): Promise<void> {
    return this.store.upsert(
      this.tenantId,
      this.model,
      uid,
      pending as unknown as AdapterPayload,
      Math.max(1, Math.ceil(expiresInSeconds)),
    );
  }

  remove(uid: string): Promise<void> {
    return this.store.destroy(this.tenantId, this.model, uid);
  }
}
