import type { AdapterPayload } from 'oidc-provider';
import type { OidcStore } from '../oidc/storage/oidc-store.js';

/**
 * A passwordless sign-in waiting for its mailed code, kept with the interaction (its uid is the id)
 * in the short-lived store, like a pending sign-up (email-verification.ts). A `decoy` stands for an
 * address without an active account (or whose mailbox got too many mails): it looks and counts the
 * same, but no code can complete it.
 */
export interface PendingEmailCode {
  /** As typed (what the page shows, masked, for both kinds). */
  email: string;
  /** The account's own address, where the codes go; undefined for a decoy. */
  mailTo?: string | undefined;
  /** Undefined for a decoy. */
  accountId?: string | undefined;
  decoy: boolean;
  codeId: string;
  codeHash: string;
  /** Epoch milliseconds. */
  codeExpiresAt: number;
  resendAvailableAt: number;
  mailLocale?: string | undefined;
}

const MODEL = 'EmailCodeSignIn';

export class PendingEmailCodes {
  constructor(
    private readonly store: Pick<OidcStore, 'upsert' | 'find' | 'destroy'>,
    private readonly tenantId: string,
  ) {}

  async find(uid: string): Promise<PendingEmailCode | undefined> {
    const stored = await this.store.find(this.tenantId, MODEL, uid);
    return stored ? (stored as unknown as PendingEmailCode) : undefined;
  }

  save(uid: string, pending: PendingEmailCode, expiresInSeconds: number): Promise<void> {
    return this.store.upsert(
      this.tenantId,
      MODEL,
      uid,
      pending as unknown as AdapterPayload,
      Math.max(1, Math.ceil(expiresInSeconds)),
    );
  }

  remove(uid: string): Promise<void> {
    return this.store.destroy(this.tenantId, MODEL, uid);
  }
}
