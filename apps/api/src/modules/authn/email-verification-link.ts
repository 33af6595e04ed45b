import type { AdapterPayload } from 'oidc-provider';
import type { OidcStore } from '../oidc/storage/oidc-store.js';
import { type CodeScope, hashLinkToken } from './email-verification.js';
import { hostedLoginLink, mailedTokenId, newMailedToken } from './mailed-token.js';

const MODEL = 'EmailVerificationLink';

/**
 * What the store keeps under a link token's hash: which pending sign-up and which of its mails
 * (`codeId`: a resend voids the previous mail's link with its code), and until when it works.
 */
export interface StoredVerificationLink {
  uid: string;
  codeId: string;
  /** Epoch ms: the expiry of the code mailed with it. */
  expiresAt: number;
  /** Set by consume(): the link was used. */
  consumed?: number;
}

/**
 * The links of sign-up verification mails (docs/sign-up.md#verification-by-link), indexed by the
 * SHA-256 of their token in the short-lived store, next to the pending sign-ups they point at. The
 * index outlives the link itself as long as the sign-up, so a used or expired link says so.
 */
export class VerificationLinks {
  constructor(
    private readonly store: Pick<OidcStore, 'upsert' | 'find' | 'consume'>,
    private readonly tenantId: string,
  ) {}

  /** A new link for the mail of `scope`; the pending sign-up keeps `linkHash` to compare it with. */
  async issue(
    key: Buffer,
    scope: CodeScope,
    issuer: string,
    expiresAt: number,
    keepSeconds: number,
  ): Promise<{ link: string; linkHash: string }> {
    const token = newMailedToken();
    const record: StoredVerificationLink = { uid: scope.uid, codeId: scope.codeId, expiresAt };
    await this.store.upsert(
      this.tenantId,
      MODEL,
      linkId(token),
      record as unknown as AdapterPayload,
      Math.max(1, Math.ceil(keepSeconds)),
    );
    return {
      link: hostedLoginLink(issuer, 'verify-email', token),
      linkHash: hashLinkToken(key, scope, token),
    };
  }

  async find(token: string): Promise<StoredVerificationLink | undefined> {
    const found = await this.store.find(this.tenantId, MODEL, linkId(token));
    return found ? (found as unknown as StoredVerificationLink) : undefined;
  }

  consume(token: string): Promise<void> {
    return this.store.consume(this.tenantId, MODEL, linkId(token));
  }
}

const linkId = (token: string): string => mailedTokenId('email-verification', token);
