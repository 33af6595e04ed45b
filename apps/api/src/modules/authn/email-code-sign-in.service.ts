import { hkdfSync } from 'node:crypto';
import {
  type TInteractionDetails,
  type TInteractionNextStep,
  ZInteractionEmailRequest,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { ZodPipe } from '../../platform/http/zod-body.pipe.js';
import { type RateLimiter, rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import type { Actor } from '../audit/audit.types.js';
import { EmailService } from '../email/email.service.js';
import { AccountRecoveryService } from '../identity/account-recovery.service.js';
import { OidcProviderRegistry } from '../oidc/oidc-provider.registry.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { emailCodeDisabled, emailCodeThrottled } from './account-recovery.errors.js';
import { answerNoSoonerThan } from './answer-floor.js';
import { type PendingEmailCode, PendingEmailCodes } from './email-code.js';
import {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_SECONDS,
  codeMatches,
  issueCode,
  maskEmail,
  RESEND_INTERVAL_SECONDS,
} from './email-verification.js';
import { mailboxHash } from './mailbox-hash.js';
import {
  codeExpired,
  codeInvalid,
  codeVoid,
  resendThrottled,
  verificationNotPending,
} from './sign-up.errors.js';
import type { SignUpContext } from './sign-up.service.js';
import { parseVerifyEmail } from './sign-up-request.js';

/** Code requests one client IP may make per tenant and hour. */
export const EMAIL_CODES_PER_IP_PER_HOUR = 20;
/** Sign-in codes one address may receive per tenant and hour. */
export const EMAIL_CODE_MAILS_PER_ADDRESS_PER_HOUR = 10;
const HOUR = 60 * 60;
const CODE_COUNTER_WINDOW = CODE_TTL_SECONDS + 60;

/**
 * Passwordless sign-in by a 6-digit code mailed to the account's address (tenant setting
 * `passwordless.emailCode`), on the code machinery of sign-up verification: an HMAC of the code in
 * the short-lived store, 10 minutes, 5 tries, 30 s between mails. An address without an active
 * account gets the same answers and timing; its "code" simply never matches.
 */
@Injectable()
export class EmailCodeSignInService {
  private readonly limiter: RateLimiter;
  private readonly codeKey: Buffer;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly tenancy: TenancyService,
    private readonly email: EmailService,
    private readonly accounts: AccountRecoveryService,
    private readonly registry: OidcProviderRegistry,
  ) {
    this.limiter = rateLimiterFor(runtime);
    // Its own key: a sign-up code's hash can never pass for a sign-in code's, or the reverse.
    this.codeKey = Buffer.from(
      hkdfSync('sha256', runtime.masterKey, Buffer.alloc(0), 'latchkey email sign-in code', 32),
    );
  }

  async details(
    tenant: TenantRecord,
    uid: string,
  ): Promise<Pick<TInteractionDetails, 'passwordless' | 'emailCode'>> {
    const { passwordless } = await this.tenancy.settings(tenant);
    const pending = passwordless.emailCode ? await this.pending(tenant.id).find(uid) : undefined;
    return {
      passwordless: { emailCode: passwordless.emailCode },
      ...(pending
        ? {
            emailCode: {
              email: maskEmail(pending.email),
              expiresAt: new Date(pending.codeExpiresAt).toISOString(),
              resendAvailableAt: new Date(pending.resendAvailableAt).toISOString(),
            },
          }
        : {}),
    };
  }

  async start(tenant: TenantRecord, body: unknown, ctx: SignUpContext): Promise<TInteractionNextStep> {
    await this.enabled(tenant);
    const { email } = new ZodPipe(ZInteractionEmailRequest).transform(body);
    const ipKey = `emailcode:ip:${tenant.id}:${ctx.ip}`;
    if ((await this.limiter.hit(ipKey, HOUR)) > EMAIL_CODES_PER_IP_PER_HOUR) {
      throw emailCodeThrottled(Math.max(1, await this.limiter.ttl(ipKey)));
    }
    const started = performance.now();
    try {
      const account = await this.accounts.activeByEmail(tenant.id, email);
      const mailAllowed = await this.mailAllowed(tenant.id, email);
      const issued = issueCode(this.codeKey, tenant.id, ctx.uid);
      const send = account !== undefined && mailAllowed;
      const pending: PendingEmailCode = {
        email,
        mailTo: send ? account.email : undefined,
        accountId: send ? account.id : undefined,
        decoy: !send,
        ...issued.fields,
        mailLocale: account?.locale ?? ctx.uiLocale,
      };
      await this.pending(tenant.id).save(ctx.uid, pending, ctx.interactionExpiresAt - Date.now() / 1000);
      await this.limiter.set(this.resendKey(tenant.id, ctx.uid), 1, RESEND_INTERVAL_SECONDS);
      if (send) await this.sendCode(tenant, pending, issued.code);
    } finally {
      await answerNoSoonerThan(started);
    }
    return { next: 'email-code' };
  }

  /** Checks the code; a right one marks the address verified and names the account to sign in. */
  async verify(tenant: TenantRecord, body: unknown, ctx: SignUpContext): Promise<string> {
    await this.enabled(tenant);
    const { code } = parseVerifyEmail(body);
    const store = this.pending(tenant.id);
    const pending = await store.find(ctx.uid);
    if (!pending) throw verificationNotPending();
    if (Date.now() > pending.codeExpiresAt) throw codeExpired();
    const attempts = await this.limiter.hit(
      `emailcode:attempts:${tenant.id}:${pending.codeId}`,
      CODE_COUNTER_WINDOW,
    );
    if (attempts > CODE_MAX_ATTEMPTS) throw codeVoid();
    const scope = { tenantId: tenant.id, uid: ctx.uid, codeId: pending.codeId };
    const matches = codeMatches(this.codeKey, scope, code, pending.codeHash);
    if (!matches || pending.decoy || !pending.accountId) {
      throw attempts >= CODE_MAX_ATTEMPTS ? codeVoid() : codeInvalid();
    }
    if ((await this.limiter.hit(`emailcode:used:${tenant.id}:${pending.codeId}`, CODE_COUNTER_WINDOW)) > 1) {
      throw codeInvalid();
    }
    // Suspended or deleted since the code was sent: as good as a wrong code.
    const account = await this.accounts.activeById(tenant.id, pending.accountId);
    if (!account) throw codeInvalid();
    await this.accounts.markEmailVerified(this.actor(tenant.id, ctx), tenant.id, account.id);
    await store.remove(ctx.uid);
    return account.id;
  }

  async resend(tenant: TenantRecord, ctx: SignUpContext): Promise<TInteractionNextStep> {
    await this.enabled(tenant);
    const store = this.pending(tenant.id);
    const pending = await store.find(ctx.uid);
    if (!pending) throw verificationNotPending();
    const gapKey = this.resendKey(tenant.id, ctx.uid);
    if ((await this.limiter.hit(gapKey, RESEND_INTERVAL_SECONDS)) > 1) {
      throw resendThrottled(Math.max(1, await this.limiter.ttl(gapKey)));
    }
    if (!(await this.mailAllowed(tenant.id, pending.email))) {
      throw resendThrottled(Math.max(1, await this.limiter.ttl(this.mailboxKey(tenant.id, pending.email))));
    }
    const issued = issueCode(this.codeKey, tenant.id, ctx.uid);
    const renewed: PendingEmailCode = { ...pending, ...issued.fields };
    await store.save(ctx.uid, renewed, ctx.interactionExpiresAt - Date.now() / 1000);
    if (!pending.decoy) await this.sendCode(tenant, renewed, issued.code);
    return { next: 'email-code' };
  }

  private async enabled(tenant: TenantRecord): Promise<void> {
    if (!(await this.tenancy.settings(tenant)).passwordless.emailCode) throw emailCodeDisabled();
  }

  private sendCode(tenant: TenantRecord, pending: PendingEmailCode, code: string) {
    return this.email.send(tenant, {
      template: 'sign-in-code',
      to: pending.mailTo ?? pending.email,
      locale: pending.mailLocale,
      data: { code, expiresInMinutes: CODE_TTL_SECONDS / 60 },
    });
  }

  private async mailAllowed(tenantId: string, email: string): Promise<boolean> {
    return (
      (await this.limiter.hit(this.mailboxKey(tenantId, email), HOUR)) <=
      EMAIL_CODE_MAILS_PER_ADDRESS_PER_HOUR
    );
  }

  private mailboxKey(tenantId: string, email: string): string {
    return `emailcode:mailbox:${tenantId}:${mailboxHash(email)}`;
  }

  private resendKey(tenantId: string, uid: string): string {
    return `emailcode:resend:${tenantId}:${uid}`;
  }

  private pending(tenantId: string): PendingEmailCodes {
    return new PendingEmailCodes(this.registry.shortLivedStore(), tenantId);
  }

  private actor(tenantId: string, ctx: SignUpContext): Actor {
    return {
      principal: { kind: 'system', credentialId: 'hosted-login:email-code', tenantId, platform: false },
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: undefined,
    };
  }
}
