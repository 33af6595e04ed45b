import type { OidcStore } from '../oidc/storage/oidc-store.js';
import { PendingRecords } from './pending-records.js';

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

export class PendingEmailCodes extends PendingRecords<PendingEmailCode> {
  constructor(store: Pick<OidcStore, 'upsert' | 'find' | 'destroy'>, tenantId: string) {
    super(store, tenantId, 'EmailCodeSignIn');
  }
}
