import type { AdapterPayload } from 'oidc-provider';
import type { AccountRecord } from '../../identity/user-accounts.service.js';

/**
 * Where one tenant's oidc-provider artifacts live. Two implementations: PostgreSQL (long-lived
 * artifacts always; everything in the zero-setup mode) and Redis (short-lived artifacts when
 * REDIS_URL is set). Expiry is enforced on read as well as by the store's own clean-up.
 */
export interface OidcStore {
  upsert(
    tenantId: string,
    model: string,
    id: string,
    payload: AdapterPayload,
    expiresIn?: number,
  ): Promise<void>;
  find(tenantId: string, model: string, id: string): Promise<AdapterPayload | undefined>;
  findByUid(tenantId: string, model: string, uid: string): Promise<AdapterPayload | undefined>;
  findByUserCode(tenantId: string, model: string, userCode: string): Promise<AdapterPayload | undefined>;
  consume(tenantId: string, model: string, id: string): Promise<void>;
  destroy(tenantId: string, model: string, id: string): Promise<void>;
  revokeByGrantId(tenantId: string, model: string, grantId: string): Promise<void>;
  /**
   * The live SSO sessions (model `Session`) of an account, most recently active first: the index
   * behind the management API's session list and revocation. Maintained by `upsert`.
   */
  sessionsOf(tenantId: string, accountId: string): Promise<StoredSession[]>;
  /**
   * The artifact and, in the same read, the grant it belongs to (if live) and its account (if
   * active): a refresh reads all three, one after the other. Optional: stores without it are read
   * three times.
   */
  findWithGrant?(tenantId: string, model: string, id: string): Promise<FoundWithGrant>;
}

/** An artifact read with its grant and account: each undefined when not found, not live or not active. */
export interface FoundWithGrant {
  payload: AdapterPayload | undefined;
  grant: AdapterPayload | undefined;
  account?: AccountRecord | undefined;
}

/** A stored session and when it was last saved (oidc-provider saves it on every request that uses it). */
export interface StoredSession {
  payload: AdapterPayload;
  /** Epoch milliseconds. */
  savedAt: number;
}

/** Kept for months: they must survive a Redis flush and be queryable (sessions list, revocation). */
export const LONG_LIVED_MODELS = new Set(['Grant', 'RefreshToken', 'RegistrationAccessToken']);

export const epochNow = (): number => Math.floor(Date.now() / 1000);
