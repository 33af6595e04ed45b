import {
  type TEmailVerificationCheck,
  type TEmailVerificationComplete,
  ZEmailVerificationCheckRequest,
  ZEmailVerificationCompleteRequest,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { ZodPipe } from '../../platform/http/zod-body.pipe.js';
import { type RateLimiter, rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import { type AccountRecord, UserAccountsService } from '../identity/user-accounts.service.js';
import { OidcProviderRegistry } from '../oidc/oidc-provider.registry.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import {
  CODE_TTL_SECONDS,
  linkTokenMatches,
  maskEmail,
  PendingSignUps,
  verificationKey,
} from './email-verification.js';
import { VerificationLinks } from './email-verification-link.js';
import {
  linkDisabled,
  linkExpired,
  linkInvalid,
  linkThrottled,
  linkUsed,
  signUpDisabled,
  verificationIncomplete,
  verificationNotPending,
} from './sign-up.errors.js';
import { SignUpService } from './sign-up.service.js';

/** Link checks and uses one client IP may make per tenant and 15 minutes. */
export const LINK_USES_PER_IP = 30;

export interface LinkUseContext {
  ip: string;
  userAgent: string | undefined;
}

/**
 * Email verification by the link in the sign-up mail (docs/sign-up.md#verification-by-link). The
 * link page, in any browser, verifies the address: the account is created, as with the code, and
 * the pending sign-up remembers it. Nobody is signed in there: only the browser that started the
 * sign-up, holding its interaction, goes on (`signIn`, the interaction API's `sign-up/complete`).
 */
@Injectable()
export class SignUpLinkService {
  private readonly limiter: RateLimiter;
  private readonly key: Buffer;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly tenancy: TenancyService,
    private readonly signUps: SignUpService,
    private readonly accounts: UserAccountsService,
    private readonly registry: OidcProviderRegistry,
  ) {
    this.limiter = rateLimiterFor(runtime);
    this.key = verificationKey(runtime.masterKey);
  }

  /** Whether the link still works, and for which address (masked): asked before the user confirms. */
  async check(tenant: TenantRecord, body: unknown, ctx: LinkUseContext): Promise<TEmailVerificationCheck> {
    await this.limitUse(tenant.id, ctx.ip);
    const { token } = new ZodPipe(ZEmailVerificationCheckRequest).transform(body);
    const { link, pending } = await this.live(tenant, token);
    return { email: maskEmail(pending.email), expiresAt: new Date(link.expiresAt).toISOString() };
  }

  /** Verifies the address: creates the account and spends the link (and the code of its mail). */
  async complete(
    tenant: TenantRecord,
    body: unknown,
    ctx: LinkUseContext,
  ): Promise<TEmailVerificationComplete> {
    await this.limitUse(tenant.id, ctx.ip);
    const { token } = new ZodPipe(ZEmailVerificationCompleteRequest).transform(body);
    const { link, pending } = await this.live(tenant, token);
    if (!(await this.signUps.claim(tenant.id, pending.codeId))) throw linkUsed();
    await this.links(tenant.id).consume(token);
    const account = await this.signUps.createAccount(tenant.id, pending, ctx);
    const keep = (pending.expiresAt ?? 0) - Date.now() / 1000;
    await this.pending(tenant.id).save(
      link.uid,
      { ...pending, passwordHash: '', linkHash: undefined, verifiedAccountId: account.id },
      keep > 0 ? keep : CODE_TTL_SECONDS,
    );
    return { status: 'email-verified' };
  }

  /**
   * The browser that started the sign-up, once the link verified its address: the account to sign
   * in. Single use: the pending sign-up ends here.
   */
  async signIn(tenant: TenantRecord, uid: string): Promise<AccountRecord> {
    const store = this.pending(tenant.id);
    const pending = await store.find(uid);
    if (!pending) throw verificationNotPending();
    if (!pending.verifiedAccountId) throw verificationIncomplete();
    await store.remove(uid);
    // Suspended or deleted since the link was opened: nothing to sign in to.
    const account = await this.accounts.findActive(tenant.id, pending.verifiedAccountId);
    if (!account) throw verificationNotPending();
    return account;
  }

  /** The link's record and its pending sign-up, or the error the page shows. */
  private async live(tenant: TenantRecord, token: string) {
    const { signUp } = await this.tenancy.settings(tenant);
    if (!signUp.enabled) throw signUpDisabled();
    // Turned off after this link was mailed: the code of the same mail still works.
    if (!signUp.verificationLink) throw linkDisabled();
    const link = await this.links(tenant.id).find(token);
    if (!link) throw linkInvalid();
    if (link.consumed) throw linkUsed();
    const pending = await this.pending(tenant.id).find(link.uid);
    // Gone while the link would still work: the code finished the sign-up first.
    if (!pending) throw Date.now() > link.expiresAt ? linkExpired() : linkUsed();
    if (pending.verifiedAccountId) throw linkUsed();
    // A newer mail (resend) replaced this one: its link voids this one, like its code.
    if (pending.codeId !== link.codeId || Date.now() > link.expiresAt) throw linkExpired();
    const scope = { tenantId: tenant.id, uid: link.uid, codeId: link.codeId };
    if (pending.decoy || !pending.linkHash || !linkTokenMatches(this.key, scope, token, pending.linkHash)) {
      throw linkInvalid();
    }
    return { link, pending };
  }

  private async limitUse(tenantId: string, ip: string): Promise<void> {
    const key = `signup:link-ip:${tenantId}:${ip}`;
    if ((await this.limiter.hit(key, 15 * 60)) > LINK_USES_PER_IP) {
      throw linkThrottled(Math.max(1, await this.limiter.ttl(key)));
    }
  }

  private links(tenantId: string): VerificationLinks {
    return new VerificationLinks(this.registry.shortLivedStore(), tenantId);
  }

  private pending(tenantId: string): PendingSignUps {
    return new PendingSignUps(this.registry.shortLivedStore(), tenantId);
  }
}
