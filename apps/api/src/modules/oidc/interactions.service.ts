import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type TInteractionDetails,
  type TInteractionNextStep,
  type TInteractionRedirect,
  ZInteractionCompleteSignUpRequest,
  ZInteractionConsentRequest,
  ZInteractionContinueRequest,
  ZInteractionLoginRequest,
  ZInteractionOrganizationRequest,
  ZInteractionResendCodeRequest,
  ZInteractionUseAnotherAccountRequest,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type Provider from 'oidc-provider';
import { AppError } from '../../platform/errors/app-error.js';
import { ZodPipe } from '../../platform/http/zod-body.pipe.js';
import { rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import { EmailCodeSignInService } from '../authn/email-code-sign-in.service.js';
import { PasswordResetService } from '../authn/password-reset.service.js';
import { accountLocked, SignInThrottle } from '../authn/sign-in-throttle.js';
import { type SignUpContext, SignUpService } from '../authn/sign-up.service.js';
import { SignUpLinkService } from '../authn/sign-up-link.service.js';
import { EmailService } from '../email/email.service.js';
import { UserAccountsService } from '../identity/user-accounts.service.js';
import { UserOrganizationsService } from '../organizations/user-organizations.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { displayUris, latchkeyClient } from './client-properties.js';
import { ContinueSessionService, sessionEnded, sessionEndedSince } from './continue-session.js';
import type { InteractionRequest } from './interaction-request.js';
import { OidcProviderRegistry } from './oidc-provider.registry.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The prompts the login app has a page for; oidc-provider's names, in the order they come. */
const PROMPTS = ['login', 'select_account', 'consent', 'organization'] as const;

export const interactionExpired = () =>
  new AppError('interaction-expired', 410, 'Sign-in expired', {
    detail: 'This sign-in attempt has expired or was already completed. Start again from the application.',
  });

const invalidCredentials = () =>
  new AppError('invalid-credentials', 401, 'Invalid credentials', {
    detail: 'The email, username or password is not correct.',
  });

const wrongPrompt = (expected: string, actual: string) =>
  new AppError('interaction-step-mismatch', 409, 'Wrong step', {
    detail: `This sign-in is waiting for "${actual}", not "${expected}".`,
  });

const csrfRejected = () =>
  new AppError('csrf-token-invalid', 403, 'Request refused', {
    detail: 'The request did not come from the sign-in page (missing or wrong CSRF token).',
  });

/**
 * The login interaction API: what the hosted login app calls while oidc-provider waits for the
 * user. It reads the pending interaction (bound to the browser by oidc-provider's signed cookie),
 * checks the step, and hands the result back to oidc-provider, which tells the browser where to go.
 */
@Injectable()
export class InteractionsService {
  private readonly csrfKey: Buffer;

  private readonly throttle: SignInThrottle;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly tenancy: TenancyService,
    private readonly email: EmailService,
    private readonly accounts: UserAccountsService,
    private readonly organizations: UserOrganizationsService,
    private readonly registry: OidcProviderRegistry,
    private readonly signUps: SignUpService,
    private readonly passwordResets: PasswordResetService,
    private readonly emailCodes: EmailCodeSignInService,
    private readonly signUpLinks: SignUpLinkService,
    private readonly continueSessions: ContinueSessionService,
  ) {
    this.throttle = new SignInThrottle(rateLimiterFor(runtime));
    this.csrfKey = Buffer.from(
      hkdfSync('sha256', runtime.masterKey, Buffer.alloc(0), 'latchkey interaction csrf', 32),
    );
  }

  /** The pending interaction; 410 when the cookie is missing, expired, or for another uid. */
  async load(
    provider: Provider,
    req: InteractionRequest,
    res: ServerResponse,
    uid: string,
  ): Promise<Interaction> {
    const interaction = await provider.interactionDetails(req, res).catch((err: unknown) => {
      if (sessionEndedSince(err)) throw sessionEnded();
      return undefined;
    });
    if (!interaction || interaction.uid !== uid) throw interactionExpired();
    return interaction;
  }

  async details(
    provider: Provider,
    tenant: TenantRecord,
    interaction: Interaction,
  ): Promise<TInteractionDetails> {
    const client = await provider.Client.find(String(interaction.params.client_id));
    if (!client) throw interactionExpired();
    const { prompt, params } = interaction;
    const details = prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const list = (value: unknown) => (typeof value === 'string' && value ? value.split(' ') : undefined);
    // Independent reads (the session's account, a pending sign-up, a pending code): side by side.
    const [continueAs, signUp, emailCode] = await Promise.all([
      this.continueSessions.details(tenant, interaction),
      this.signUps.details(tenant, interaction.uid),
      this.emailCodes.details(tenant, interaction.uid),
    ]);
    return {
      uid: interaction.uid,
      prompt: {
        name: PROMPTS.find((name) => name === prompt.name) ?? 'login',
        reasons: prompt.reasons,
        ...(details.missingOIDCScope ? { missingScopes: details.missingOIDCScope } : {}),
        ...(details.missingResourceScopes ? { missingResourceScopes: details.missingResourceScopes } : {}),
      },
      client: {
        clientId: client.clientId,
        ...(client.clientName ? { name: client.clientName } : {}),
        firstParty: latchkeyClient(client).firstParty,
        ...displayUris(client),
      },
      tenant: { slug: tenant.slug, displayName: tenant.displayName },
      params: {
        ...(typeof params.login_hint === 'string' ? { loginHint: params.login_hint } : {}),
        ...(list(params.ui_locales) ? { uiLocales: list(params.ui_locales) } : {}),
        ...(list(params.acr_values) ? { acrValues: list(params.acr_values) } : {}),
        ...(params.max_age !== undefined ? { maxAge: Number(params.max_age) } : {}),
        ...(list(params.prompt) ? { prompt: list(params.prompt) } : {}),
        ...(typeof params.scope === 'string' ? { scope: params.scope } : {}),
      },
      ...(prompt.name === 'organization' && interaction.session?.accountId
        ? {
            organizations: {
              required: latchkeyClient(client).organizationUsage === 'required',
              choices: (await this.organizations.list(tenant.id, interaction.session.accountId)).map(
                ({ id, name, slug }) => ({ id, name, slug }),
              ),
            },
          }
        : {}),
      ...(interaction.session?.accountId ? { session: { accountId: interaction.session.accountId } } : {}),
      ...continueAs,
      ...signUp,
      ...emailCode,
      csrfToken: this.csrfToken(tenant.id, interaction.uid),
      expiresAt: new Date(interaction.exp * 1000).toISOString(),
    };
  }

  async login(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'login');
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { signInProtection: protection } = await this.tenancy.settings(tenant);
    const body = new ZodPipe(ZInteractionLoginRequest).transform(req.body);
    // Before the password is checked: a locked account refuses even the right one.
    const { accountHasFailures } = await this.throttle.preflight(tenant.id, body.identifier, ip, protection);
    const user = await this.accounts.authenticatePassword(tenant.id, body.identifier, body.password);
    if (!user) {
      const { locked } = await this.throttle.failed(tenant.id, body.identifier, ip, protection);
      if (locked) {
        await this.tellLocked(tenant, body.identifier, protection.lockMinutes, interaction);
        throw accountLocked(protection.lockMinutes * 60);
      }
      throw invalidCredentials();
    }
    // Most sign-ins follow no failure: then there is nothing to forget, and no round trip to make.
    if (accountHasFailures) await this.throttle.succeeded(tenant.id, body.identifier);
    return this.completeLogin(tenant, interaction, {
      accountId: user.id,
      remember: body.remember,
      amr: ['pwd'],
    });
  }

  /** Self sign-up (docs/sign-up.md): answers `verify-email` whether or not the email has an account. */
  async signUp(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'login');
    const ctx = { ...signUpContext(req, interaction), issuer: provider.issuer };
    return this.signUps.signUp(tenant, req.body, ctx);
  }

  /** The mailed code: a right one creates the account and signs the new user in. */
  async verifyEmail(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'login');
    const user = await this.signUps.verify(tenant, req.body, signUpContext(req, interaction));
    return this.completeLogin(tenant, interaction, {
      accountId: user.id,
      remember: false,
      amr: ['pwd'],
    });
  }

  async resendCode(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'login');
    new ZodPipe(ZInteractionResendCodeRequest).transform(req.body);
    return this.signUps.resend(tenant, { ...signUpContext(req, interaction), issuer: provider.issuer });
  }

  /** A sign-up whose address the mailed link verified (in any browser): signs this browser in. */
  async completeSignUp(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'login');
    new ZodPipe(ZInteractionCompleteSignUpRequest).transform(req.body);
    const user = await this.signUpLinks.signIn(tenant, interaction.uid);
    return this.completeLogin(tenant, interaction, {
      accountId: user.id,
      remember: false,
      amr: ['pwd'],
    });
  }

  /** "Continue as …" (the select_account prompt): goes on with the SSO session, no password. */
  async continueSession(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'select_account');
    new ZodPipe(ZInteractionContinueRequest).transform(req.body);
    return this.continueSessions.continue(provider, tenant, req, res, interaction);
  }

  /** "Use another account": the step becomes the ordinary sign-in (answers `{next: 'sign-in'}`). */
  async useAnotherAccount(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'select_account');
    new ZodPipe(ZInteractionUseAnotherAccountRequest).transform(req.body);
    return this.continueSessions.useAnotherAccount(interaction);
  }

  /** Forgot password (docs/password-reset.md): answers `check-email` whatever the address. */
  async passwordReset(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'login');
    const { ip, uiLocale } = signUpContext(req, interaction);
    return this.passwordResets.request(tenant, req.body, { ip, uiLocale, issuer: provider.issuer });
  }

  /** Passwordless sign-in: mails a code to an active account; answers `email-code` whatever the address. */
  async emailCode(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'login');
    return this.emailCodes.start(tenant, req.body, signUpContext(req, interaction));
  }

  /** The mailed sign-in code: a right one signs the user in (amr `otp`) and verifies the address. */
  async emailCodeVerify(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'login');
    const accountId = await this.emailCodes.verify(tenant, req.body, signUpContext(req, interaction));
    return this.completeLogin(tenant, interaction, { accountId, remember: false, amr: ['otp'] });
  }

  async emailCodeResend(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionNextStep> {
    this.assertStep(tenant, interaction, req, 'login');
    new ZodPipe(ZInteractionResendCodeRequest).transform(req.body);
    return this.emailCodes.resend(tenant, signUpContext(req, interaction));
  }

  /**
   * Emails the owner of a just-locked account (if it exists: the answer to the browser is the same
   * either way, and the mail goes out through a job, so timing tells nothing either).
   */
  private async tellLocked(
    tenant: TenantRecord,
    identifier: string,
    minutes: number,
    interaction: Interaction,
  ) {
    const contact = await this.accounts.contactFor(tenant.id, identifier);
    if (!contact) return;
    const uiLocale =
      typeof interaction.params.ui_locales === 'string'
        ? interaction.params.ui_locales.split(' ')[0]
        : undefined;
    await this.email.sendBestEffort(tenant, {
      template: 'account-locked',
      to: contact.email,
      locale: contact.locale ?? uiLocale,
      data: { lockedForMinutes: minutes },
    });
  }

  /** Grants what the prompt lists as missing (or the subset the user chose). */
  async consent(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'consent');
    const body = new ZodPipe(ZInteractionConsentRequest).transform(req.body);
    const chosen = body.scopes ? new Set(body.scopes) : undefined;
    const keep = (scopes: string[]) => (chosen ? scopes.filter((s) => chosen.has(s)) : scopes);
    const accountId = interaction.session?.accountId;
    if (!accountId) throw interactionExpired();

    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
    if (!grant) throw interactionExpired();
    const details = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (details.missingOIDCScope) grant.addOIDCScope(keep(details.missingOIDCScope).join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, keep(scopes).join(' '));
    }
    const grantId = await grant.save();
    return { redirectTo: await finishInteraction(interaction, { consent: { grantId } }) };
  }

  /** Records the organization the user picked for this grant (see the organization prompt). */
  async organization(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertStep(tenant, interaction, req, 'organization');
    const { organizationId } = new ZodPipe(ZInteractionOrganizationRequest).transform(req.body);
    const accountId = interaction.session?.accountId;
    const client = await provider.Client.find(String(interaction.params.client_id));
    if (!accountId || !interaction.grantId || !client) throw interactionExpired();
    if (organizationId === null) {
      if (latchkeyClient(client).organizationUsage === 'required') {
        throw AppError.validation([
          { path: 'organizationId', message: 'this application needs an organization', code: 'invalid_type' },
        ]);
      }
    } else if (!(await this.organizations.membership(tenant.id, accountId, organizationId))) {
      throw AppError.validation([
        { path: 'organizationId', message: 'is not one of your organizations', code: 'invalid_value' },
      ]);
    }
    await this.selectionsFor(provider, tenant).choose(interaction.grantId, organizationId);
    return { redirectTo: await finishInteraction(interaction, { organization: { id: organizationId } }) };
  }

  async abort(
    _provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    _res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    this.assertCsrf(tenant.id, interaction.uid, req);
    const cancelled = { error: 'access_denied', error_description: 'The user cancelled the sign-in.' };
    return { redirectTo: await finishInteraction(interaction, cancelled) };
  }

  private selectionsFor(_provider: Provider, tenant: TenantRecord) {
    return this.registry.organizationSelections(tenant.id);
  }

  /** The CSRF token, then the step the interaction is waiting for: every POST starts here. */
  private assertStep(
    tenant: TenantRecord,
    interaction: Interaction,
    req: InteractionRequest,
    step: string,
  ): void {
    this.assertCsrf(tenant.id, interaction.uid, req);
    if (interaction.prompt.name !== step) throw wrongPrompt(step, interaction.prompt.name);
  }

  /** Ends the login step however the user proved who they are, and sends the browser on. */
  private async completeLogin(
    tenant: TenantRecord,
    interaction: Interaction,
    login: { accountId: string; remember: boolean; amr: string[] },
  ): Promise<TInteractionRedirect> {
    this.accounts.recordSignIn(tenant.id, login.accountId);
    return { redirectTo: await finishInteraction(interaction, { login }) };
  }

  /**
   * Bound to the tenant and the interaction: useless for any other sign-in. Together with the JSON
   * content type and the SameSite interaction cookie, it keeps other sites from posting here.
   */
  private csrfToken(tenantId: string, uid: string): string {
    return createHmac('sha256', this.csrfKey)
      .update(`interaction-csrf:${tenantId}:${uid}`)
      .digest('base64url');
  }

  private assertCsrf(tenantId: string, uid: string, req: InteractionRequest): void {
    const presented = req.headers['x-csrf-token'];
    const expected = Buffer.from(this.csrfToken(tenantId, uid));
    if (typeof presented !== 'string' || presented.length !== expected.length) throw csrfRejected();
    if (!timingSafeEqual(Buffer.from(presented), expected)) throw csrfRejected();
  }
}

/**
 * What `provider.interactionResult` does, on the interaction this request already loaded (cookie
 * checked, session principal compared): that method would read the cookie, the interaction and its
 * session from Redis again. As there, a result is merged with the last submission, an error is not.
 */
async function finishInteraction(interaction: Interaction, result: Record<string, unknown>): Promise<string> {
  interaction.result = 'error' in result ? result : { ...interaction.lastSubmission, ...result };
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  return interaction.returnTo;
}

function signUpContext(req: InteractionRequest, interaction: Interaction): SignUpContext {
  const uiLocales = interaction.params.ui_locales;
  return {
    uid: interaction.uid,
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.headers['user-agent'],
    interactionExpiresAt: interaction.exp,
    uiLocale: typeof uiLocales === 'string' ? uiLocales.split(' ')[0] : undefined,
  };
}
