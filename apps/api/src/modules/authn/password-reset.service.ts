import {
  type TInteractionNextStep,
  type TPasswordResetCheck,
  type TPasswordResetComplete,
  ZInteractionEmailRequest,
  ZPasswordResetCheckRequest,
  ZPasswordResetCompleteRequest,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { AdapterPayload } from 'oidc-provider';
import { hashPassword } from '../../platform/crypto/password-hasher.js';
import { ZodPipe } from '../../platform/http/zod-body.pipe.js';
import { type RateLimiter, rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import type { Actor } from '../audit/audit.types.js';
import { EmailService } from '../email/email.service.js';
import { AccountRecoveryService } from '../identity/account-recovery.service.js';
import { PasswordPolicyService } from '../identity/password-policy.service.js';
import { OidcProviderRegistry } from '../oidc/oidc-provider.registry.js';
import { UserSessionsService } from '../oidc/sessions/user-sessions.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import {
  resetThrottled,
  resetTokenExpired,
  resetTokenInvalid,
  resetTokenUsed,
} from './account-recovery.errors.js';
import { answerNoSoonerThan } from './answer-floor.js';
import { maskEmail } from './email-verification.js';
import { mailboxHash } from './mailbox-hash.js';
import { hostedLoginLink, mailedTokenId, newMailedToken } from './mailed-token.js';
import { SignInThrottle } from './sign-in-throttle.js';

/** How long a mailed reset link works. */
export const RESET_TTL_SECONDS = 30 * 60;
/** Reset requests one client IP may make per tenant and hour. */
export const RESETS_PER_IP_PER_HOUR = 20;
/** Reset mails one address may receive per tenant and hour (more requests answer the same, mail nothing). */
export const RESET_MAILS_PER_ADDRESS_PER_HOUR = 5;
/** Link checks and completions one client IP may make per tenant and 15 minutes. */
export const RESET_USES_PER_IP = 30;
const HOUR = 60 * 60;
/**
 * A spent or expired token is kept this long after it was issued, so its link answers "already
 * used" or "expired" rather than "not valid"; the store deletes it after that.
 */
const TOKEN_RECORD_SECONDS = 24 * HOUR;
const MODEL = 'PasswordResetToken';

/** What is stored under the token's hash: never the token itself. */
interface StoredResetToken {
  accountId: string;
  /** The account's password change time when the link was sent: a later change voids it. */
  passwordChangedAt: number | null;
  /** Epoch ms. */
  expiresAt: number;
}

export interface ResetRequestContext {
  ip: string;
  /** The issuer the request came in on: the link opens the hosted login on the same address. */
  issuer: string;
  uiLocale: string | undefined;
}

export interface ResetUseContext {
  ip: string;
  userAgent: string | undefined;
}

/**
 * Forgot password (docs/password-reset.md). `request` mails a single-use link to an active account
 * and answers the same, no sooner, for any other address. The link's token (256 random bits) is
 * stored only as its SHA-256, in the tenant's long-lived OIDC store (PostgreSQL), bound to the tenant
 * and the account, not to the sign-in it was asked from: the mail may be opened in another browser.
 * `complete` sets the new password, ends the user's SSO sessions and clears sign-in throttling.
 */
@Injectable()
export class PasswordResetService {
  private readonly limiter: RateLimiter;
  private readonly throttle: SignInThrottle;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly tenancy: TenancyService,
    private readonly email: EmailService,
    private readonly accounts: AccountRecoveryService,
    private readonly registry: OidcProviderRegistry,
    private readonly sessions: UserSessionsService,
    private readonly passwords: PasswordPolicyService,
  ) {
    this.limiter = rateLimiterFor(runtime);
    this.throttle = new SignInThrottle(this.limiter);
  }

  async request(
    tenant: TenantRecord,
    body: unknown,
    ctx: ResetRequestContext,
  ): Promise<TInteractionNextStep> {
    const { email } = new ZodPipe(ZInteractionEmailRequest).transform(body);
    const ipKey = `pwreset:ip:${tenant.id}:${ctx.ip}`;
    if ((await this.limiter.hit(ipKey, HOUR)) > RESETS_PER_IP_PER_HOUR) {
      throw resetThrottled(Math.max(1, await this.limiter.ttl(ipKey)));
    }
    const started = performance.now();
    try {
      const account = await this.accounts.activeByEmail(tenant.id, email);
      // Counted for every address, so a flooded mailbox answers like any other.
      const mailKey = `pwreset:mailbox:${tenant.id}:${mailboxHash(email)}`;
      const mailAllowed = (await this.limiter.hit(mailKey, HOUR)) <= RESET_MAILS_PER_ADDRESS_PER_HOUR;
      if (account && mailAllowed) {
        const token = newMailedToken();
        const stored: StoredResetToken = {
          accountId: account.id,
          passwordChangedAt: account.passwordChangedAt,
          expiresAt: Date.now() + RESET_TTL_SECONDS * 1000,
        };
        await this.store().upsert(
          tenant.id,
          MODEL,
          tokenId(token),
          stored as unknown as AdapterPayload,
          TOKEN_RECORD_SECONDS,
        );
        await this.email.send(tenant, {
          template: 'password-reset-link',
          to: account.email,
          locale: account.locale ?? ctx.uiLocale,
          data: { link: resetLink(ctx.issuer, token), expiresInMinutes: RESET_TTL_SECONDS / 60 },
        });
      }
    } finally {
      await answerNoSoonerThan(started);
    }
    return { next: 'check-email' };
  }

  /** Whether the link still works, and what the page needs to ask for a new password. */
  async check(tenant: TenantRecord, body: unknown, ctx: ResetUseContext): Promise<TPasswordResetCheck> {
    await this.limitUse(tenant.id, ctx.ip);
    const { token } = new ZodPipe(ZPasswordResetCheckRequest).transform(body);
    const { stored, account } = await this.live(tenant.id, token);
    const { passwordPolicy } = await this.tenancy.settings(tenant);
    return {
      email: maskEmail(account.email),
      passwordMinLength: passwordPolicy.minLength,
      expiresAt: new Date(stored.expiresAt).toISOString(),
    };
  }

  async complete(tenant: TenantRecord, body: unknown, ctx: ResetUseContext): Promise<TPasswordResetComplete> {
    await this.limitUse(tenant.id, ctx.ip);
    const { token, password } = new ZodPipe(ZPasswordResetCompleteRequest).transform(body);
    const id = tokenId(token);
    const { stored } = await this.live(tenant.id, token);
    const { passwordPolicy } = await this.tenancy.settings(tenant);
    // Before the link is spent: a refused password (short, weak, reused) can be corrected with it.
    await this.passwords.assertAcceptable(tenant, passwordPolicy, password, { userId: stored.accountId });
    const passwordHash = await hashPassword(password);
    // Single use, also when two requests with the same link race each other.
    if ((await this.limiter.hit(`pwreset:used:${tenant.id}:${id}`, TOKEN_RECORD_SECONDS)) > 1) {
      throw resetTokenUsed();
    }
    await this.store().consume(tenant.id, MODEL, id);
    const actor = this.actor(tenant.id, ctx);
    const account = await this.accounts.resetPassword(
      actor,
      tenant.id,
      stored.accountId,
      passwordHash,
      stored.passwordChangedAt,
      passwordPolicy,
    );
    // Changed since the link was sent (another link, an admin), or no longer active.
    if (!account) throw resetTokenUsed();
    await Promise.all([
      this.throttle.clear(tenant.id, account.email),
      account.username ? this.throttle.clear(tenant.id, account.username) : undefined,
    ]);
    // Whoever knew the old password is signed out everywhere (back-channel logout included).
    await this.sessions.revokeAll(actor, tenant, account.id);
    return { status: 'password-changed' };
  }

  /** The token's record and its account, or the error the page shows. */
  private async live(tenantId: string, token: string) {
    const found = await this.store().find(tenantId, MODEL, tokenId(token));
    if (!found) throw resetTokenInvalid();
    const stored = found as unknown as StoredResetToken & { consumed?: number };
    if (stored.consumed) throw resetTokenUsed();
    if (Date.now() > stored.expiresAt) throw resetTokenExpired();
    const account = await this.accounts.activeById(tenantId, stored.accountId);
    if (!account || account.passwordChangedAt !== stored.passwordChangedAt) throw resetTokenUsed();
    return { stored, account };
  }

  private async limitUse(tenantId: string, ip: string): Promise<void> {
    const key = `pwreset:use-ip:${tenantId}:${ip}`;
    if ((await this.limiter.hit(key, 15 * 60)) > RESET_USES_PER_IP) {
      throw resetThrottled(Math.max(1, await this.limiter.ttl(key)));
    }
  }

  private store() {
    return this.registry.longLivedStore();
  }

  /** A reset is recorded as Latchkey acting for the holder of the mailed link. */
  private actor(tenantId: string, ctx: ResetUseContext): Actor {
    return {
      principal: { kind: 'system', credentialId: 'hosted-login:password-reset', tenantId, platform: false },
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: undefined,
    };
  }
}

/** The stored id of a reset token (see mailed-token.ts). */
export const tokenId = (token: string): string => mailedTokenId('password-reset', token);

/** The hosted login's reset page on the address the request came in on. */
export const resetLink = (issuer: string, token: string): string => hostedLoginLink(issuer, 'reset', token);
