import { createHash } from 'node:crypto';
import type { TInteractionDetails, TInteractionNextStep, TTenantSettings } from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { hashPassword } from '../../platform/crypto/password-hasher.js';
import { type RateLimiter, rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import type { Actor } from '../audit/audit.types.js';
import { EmailService } from '../email/email.service.js';
import { PasswordPolicyService } from '../identity/password-policy.service.js';
import { SignUpAccountsService } from '../identity/sign-up-accounts.service.js';
import type { AccountRecord } from '../identity/user-accounts.service.js';
import { userTaken } from '../identity/users.errors.js';
import { OidcProviderRegistry } from '../oidc/oidc-provider.registry.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_SECONDS,
  codeMatches,
  issueCode,
  maskEmail,
  type PendingSignUp,
  PendingSignUps,
  RESEND_INTERVAL_SECONDS,
  verificationKey,
  verificationUsedKey,
} from './email-verification.js';
import { VerificationLinks } from './email-verification-link.js';
import {
  codeExpired,
  codeInvalid,
  codeVoid,
  resendThrottled,
  signUpDisabled,
  signUpThrottled,
  verificationNotPending,
} from './sign-up.errors.js';
import { parseSignUpChecked, parseVerifyEmail } from './sign-up-request.js';

/** Sign-ups one client IP may start per tenant and hour (each one mails someone). */
export const SIGN_UPS_PER_IP_PER_HOUR = 20;
/**
 * Attempts, valid or not, per IP and hour. Checked before anything costly (the strength estimate
 * runs on the event loop), generous enough for people fixing their form.
 */
export const SIGN_UP_ATTEMPTS_PER_IP_PER_HOUR = 200;
/** Sign-up mails (codes and notices) one address may receive per tenant and hour. */
export const MAILS_PER_ADDRESS_PER_HOUR = 10;
const HOUR = 60 * 60;
/** Counters of a code outlive it a little, so an attempt just before expiry still counts. */
const CODE_COUNTER_WINDOW = CODE_TTL_SECONDS + 60;

/** Where the request came from, for limits and the audit trail. */
export interface SignUpContext {
  uid: string;
  ip: string;
  userAgent: string | undefined;
  /** The interaction's end (epoch seconds): the pending sign-up lives as long. */
  interactionExpiresAt: number;
  /** The first of the authorization request's ui_locales, if any. */
  uiLocale: string | undefined;
  /** The issuer the sign-up came in on: the mailed link opens the hosted login there. */
  issuer?: string | undefined;
}

/**
 * Self sign-up on the hosted login, verified by a 6-digit code mailed to the address. The account
 * is created only when the code matches (so an address nobody proved cannot hold an account, and
 * an abandoned sign-up leaves nothing behind). An address that already has an account gets the same
 * answers, pages and counters as a new one; its owner gets a notice instead of a code.
 */
@Injectable()
export class SignUpService {
  private readonly limiter: RateLimiter;
  private readonly codeKey: Buffer;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly tenancy: TenancyService,
    private readonly email: EmailService,
    private readonly accounts: SignUpAccountsService,
    private readonly registry: OidcProviderRegistry,
    private readonly passwords: PasswordPolicyService,
  ) {
    this.limiter = rateLimiterFor(runtime);
    this.codeKey = verificationKey(runtime.masterKey);
  }

  /** The details the login page renders the sign-up form and, while one is pending, the code step from. */
  async details(
    tenant: TenantRecord,
    uid: string,
  ): Promise<Pick<TInteractionDetails, 'signUp' | 'verification'>> {
    const { signUp, passwordPolicy } = await this.tenancy.settings(tenant);
    const pending = signUp.enabled ? await this.pendingSignUps(tenant.id).find(uid) : undefined;
    return {
      signUp: {
        enabled: signUp.enabled,
        requiredFields: signUp.requiredFields,
        passwordMinLength: passwordPolicy.minLength,
        verificationLink: signUp.verificationLink,
      },
      ...(pending
        ? {
            verification: {
              email: maskEmail(pending.email),
              expiresAt: new Date(pending.codeExpiresAt).toISOString(),
              resendAvailableAt: new Date(pending.resendAvailableAt).toISOString(),
              verified: Boolean(pending.verifiedAccountId),
            },
          }
        : {}),
    };
  }

  async signUp(tenant: TenantRecord, body: unknown, ctx: SignUpContext): Promise<TInteractionNextStep> {
    const settings = await this.enabledSettings(tenant);
    const attemptsKey = `signup:try:${tenant.id}:${ctx.ip}`;
    if ((await this.limiter.hit(attemptsKey, HOUR)) > SIGN_UP_ATTEMPTS_PER_IP_PER_HOUR) {
      throw signUpThrottled(Math.max(1, await this.limiter.ttl(attemptsKey)));
    }
    // Strength before any lookup: a weak password is refused alike for new and existing addresses.
    const request = await parseSignUpChecked(body, settings, (password, facts) =>
      this.passwords.problems(tenant, settings.passwordPolicy, password, { facts }),
    );
    const fromIp = await this.limiter.hit(`signup:ip:${tenant.id}:${ctx.ip}`, HOUR);
    if (fromIp > SIGN_UPS_PER_IP_PER_HOUR) {
      throw signUpThrottled(Math.max(1, await this.limiter.ttl(`signup:ip:${tenant.id}:${ctx.ip}`)));
    }
    // Usernames are public handles: whether one is free is said whatever the email, so the answer
    // cannot be combined with a taken username to probe emails.
    if (request.username && (await this.accounts.usernameTaken(tenant.id, request.username))) {
      throw userTaken('username');
    }
    // Hashed on both paths, so an existing address answers no faster than a new one.
    const passwordHash = await hashPassword(request.password);
    const owner = await this.accounts.emailOwner(tenant.id, request.email);
    const mailAllowed = await this.mailAllowed(tenant.id, request.email);
    const issued = issueCode(this.codeKey, tenant.id, ctx.uid);
    const uiLocale =
      ctx.uiLocale && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(ctx.uiLocale) ? ctx.uiLocale : undefined;
    const pending: PendingSignUp = {
      email: request.email,
      profile: {
        givenName: request.givenName,
        familyName: request.familyName,
        username: request.username,
        phone: request.phone,
        locale: uiLocale,
      },
      passwordHash,
      decoy: owner !== undefined || !mailAllowed,
      ...issued.fields,
      mailLocale: uiLocale,
      expiresAt: ctx.interactionExpiresAt,
    };
    // Only a real sign-up gets a link: a decoy's mail (if any) is the notice to the owner.
    const link = pending.decoy ? undefined : await this.linkFor(tenant.id, settings, ctx, issued.fields);
    pending.linkHash = link?.linkHash;
    await this.pendingSignUps(tenant.id).save(ctx.uid, pending, ctx.interactionExpiresAt - Date.now() / 1000);
    await this.limiter.set(this.resendKey(tenant.id, ctx.uid), 1, RESEND_INTERVAL_SECONDS);
    if (!mailAllowed) return { next: 'verify-email' };
    if (!owner) await this.sendCode(tenant, pending, issued.code, link?.link);
    else if (owner.active) {
      await this.email.sendBestEffort(tenant, {
        template: 'sign-up-existing-account',
        to: owner.email,
        locale: owner.locale ?? pending.mailLocale,
        data: {},
      });
    }
    return { next: 'verify-email' };
  }

  /** Checks the code; a right one creates the account (verified) and ends the pending sign-up. */
  async verify(tenant: TenantRecord, body: unknown, ctx: SignUpContext): Promise<AccountRecord> {
    await this.enabledSettings(tenant);
    const { code } = parseVerifyEmail(body);
    const store = this.pendingSignUps(tenant.id);
    const pending = await store.find(ctx.uid);
    // Verified through the link already: `sign-up/complete` signs in, no code is due.
    if (!pending || pending.verifiedAccountId) throw verificationNotPending();
    if (Date.now() > pending.codeExpiresAt) throw codeExpired();
    const scope = { tenantId: tenant.id, uid: ctx.uid, codeId: pending.codeId };
    // Counted before the comparison, atomically: parallel guesses cannot outrun the limit.
    const attempts = await this.limiter.hit(
      `signup:code-attempts:${tenant.id}:${pending.codeId}`,
      CODE_COUNTER_WINDOW,
    );
    if (attempts > CODE_MAX_ATTEMPTS) throw codeVoid();
    const matches = codeMatches(this.codeKey, scope, code, pending.codeHash);
    if (!matches || pending.decoy) throw attempts >= CODE_MAX_ATTEMPTS ? codeVoid() : codeInvalid();
    // Single use, also when two requests with the right code (or the code and the link) race.
    if (!(await this.claim(tenant.id, pending.codeId))) throw codeInvalid();
    const account = await this.createAccount(tenant.id, pending, ctx);
    await store.remove(ctx.uid);
    return account;
  }

  /** Claims one mail's code and link (they are one proof): true for the first caller only. */
  async claim(tenantId: string, codeId: string): Promise<boolean> {
    return (await this.limiter.hit(verificationUsedKey(tenantId, codeId), CODE_COUNTER_WINDOW)) === 1;
  }

  /** Creates the account of a sign-up whose address was just proven, by its code or its link. */
  createAccount(
    tenantId: string,
    pending: PendingSignUp,
    from: Pick<SignUpContext, 'ip' | 'userAgent'>,
  ): Promise<AccountRecord> {
    return this.accounts.createVerified(this.actor(tenantId, from), tenantId, {
      email: pending.email,
      ...pending.profile,
      passwordHash: pending.passwordHash,
    });
  }

  /** Mails a new code (the previous one stops working); at most one per RESEND_INTERVAL_SECONDS. */
  async resend(tenant: TenantRecord, ctx: SignUpContext): Promise<TInteractionNextStep> {
    const settings = await this.enabledSettings(tenant);
    const store = this.pendingSignUps(tenant.id);
    const pending = await store.find(ctx.uid);
    if (!pending || pending.verifiedAccountId) throw verificationNotPending();
    const gapKey = this.resendKey(tenant.id, ctx.uid);
    if ((await this.limiter.hit(gapKey, RESEND_INTERVAL_SECONDS)) > 1) {
      throw resendThrottled(Math.max(1, await this.limiter.ttl(gapKey)));
    }
    if (!(await this.mailAllowed(tenant.id, pending.email))) {
      throw resendThrottled(Math.max(1, await this.limiter.ttl(this.mailboxKey(tenant.id, pending.email))));
    }
    const issued = issueCode(this.codeKey, tenant.id, ctx.uid);
    // A new mail, a new link: the previous one stops working with its code.
    const link = pending.decoy ? undefined : await this.linkFor(tenant.id, settings, ctx, issued.fields);
    const renewed: PendingSignUp = { ...pending, ...issued.fields, linkHash: link?.linkHash };
    await store.save(ctx.uid, renewed, ctx.interactionExpiresAt - Date.now() / 1000);
    // A decoy mails nothing more: its owner was told once.
    if (!pending.decoy) await this.sendCode(tenant, renewed, issued.code, link?.link);
    return { next: 'verify-email' };
  }

  private async enabledSettings(tenant: TenantRecord): Promise<TTenantSettings> {
    const settings = await this.tenancy.settings(tenant);
    if (!settings.signUp.enabled) throw signUpDisabled();
    return settings;
  }

  private sendCode(tenant: TenantRecord, pending: PendingSignUp, code: string, link: string | undefined) {
    return this.email.send(tenant, {
      template: 'verify-email-code',
      to: pending.email,
      locale: pending.mailLocale,
      data: { code, expiresInMinutes: CODE_TTL_SECONDS / 60, ...(link ? { link } : {}) },
    });
  }

  /**
   * The link mailed with a code: works as long as the code, from any browser (docs/sign-up.md).
   * None when the tenant sends codes only.
   */
  private linkFor(
    tenantId: string,
    settings: TTenantSettings,
    ctx: SignUpContext,
    code: { codeId: string; codeExpiresAt: number },
  ): Promise<{ link: string; linkHash: string }> | undefined {
    if (!ctx.issuer || !settings.signUp.verificationLink) return undefined;
    return new VerificationLinks(this.registry.shortLivedStore(), tenantId).issue(
      this.codeKey,
      { tenantId, uid: ctx.uid, codeId: code.codeId },
      ctx.issuer,
      code.codeExpiresAt,
      ctx.interactionExpiresAt - Date.now() / 1000,
    );
  }

  /** Counts one sign-up mail to `email`; false once the address has had its share this hour. */
  private async mailAllowed(tenantId: string, email: string): Promise<boolean> {
    return (await this.limiter.hit(this.mailboxKey(tenantId, email), HOUR)) <= MAILS_PER_ADDRESS_PER_HOUR;
  }

  /** Hashed: no addresses in Redis keys. */
  private mailboxKey(tenantId: string, email: string): string {
    const hashed = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
    return `signup:mailbox:${tenantId}:${hashed}`;
  }

  private resendKey(tenantId: string, uid: string): string {
    return `signup:resend:${tenantId}:${uid}`;
  }

  private pendingSignUps(tenantId: string): PendingSignUps {
    return new PendingSignUps(this.registry.shortLivedStore(), tenantId);
  }

  /** Self sign-up is recorded as Latchkey acting for an anonymous visitor of the hosted login. */
  private actor(tenantId: string, ctx: Pick<SignUpContext, 'ip' | 'userAgent'>): Actor {
    return {
      principal: { kind: 'system', credentialId: 'hosted-login:sign-up', tenantId, platform: false },
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: undefined,
    };
  }
}
