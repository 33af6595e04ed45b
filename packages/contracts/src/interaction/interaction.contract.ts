import { z } from 'zod';
import { ZSignUpField } from '../management/tenant-settings.contract.js';
import { ZE164, ZUsername } from '../management/users.contract.js';

/**
 * The login interaction API (`{issuer}/interaction/{uid}/…`): what the hosted login app reads and
 * posts while oidc-provider waits for the user. JSON only; every POST carries the `x-csrf-token`
 * header from the details.
 */
export const INTERACTION_CSRF_HEADER = 'x-csrf-token';

/**
 * `select_account`: an SSO session exists and the app asked to choose (`prompt=select_account`), or
 * its `login_hint` names another account: "Continue as …" or "Use another account".
 */
export const ZInteractionPrompt = z.enum(['login', 'select_account', 'consent', 'organization']);

export const ZInteractionDetails = z.object({
  uid: z.string(),
  /** What the user must do next. */
  prompt: z.object({
    name: ZInteractionPrompt,
    /** oidc-provider's reasons, e.g. no_session, op_scopes_missing. */
    reasons: z.array(z.string()),
    /** For consent: the OIDC scopes and API permissions asked for that are not granted yet. */
    missingScopes: z.array(z.string()).optional(),
    missingResourceScopes: z.record(z.string(), z.array(z.string())).optional(),
  }),
  client: z.object({
    clientId: z.string(),
    name: z.string().optional(),
    firstParty: z.boolean(),
    /** For consent: the application's logo, home page, privacy policy and terms (https URLs only). */
    logoUri: z.url({ protocol: /^https$/ }).optional(),
    clientUri: z.url({ protocol: /^https$/ }).optional(),
    policyUri: z.url({ protocol: /^https$/ }).optional(),
    tosUri: z.url({ protocol: /^https$/ }).optional(),
  }),
  tenant: z.object({ slug: z.string(), displayName: z.string() }),
  /** Authorization request parameters the pages use. */
  params: z.object({
    loginHint: z.string().optional(),
    uiLocales: z.array(z.string()).optional(),
    acrValues: z.array(z.string()).optional(),
    maxAge: z.number().int().optional(),
    prompt: z.array(z.string()).optional(),
    scope: z.string().optional(),
  }),
  /** For the organization prompt: the user's organizations to choose from, and whether one is required. */
  organizations: z
    .object({
      required: z.boolean(),
      choices: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
    })
    .optional(),
  /**
   * Set when an SSO session exists. For the `select_account` prompt, also who it belongs to, for
   * "Continue as …": the session is this browser's own, so the email is shown in full.
   */
  session: z
    .object({
      accountId: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
    })
    .optional(),
  /** Whether the tenant lets users create an account here, and what the form must ask for. */
  signUp: z.object({
    enabled: z.boolean(),
    requiredFields: z.array(ZSignUpField),
    passwordMinLength: z.number().int(),
    /** Whether the verification mail carries a link beside its code (else the code only). */
    verificationLink: z.boolean(),
  }),
  /** Set while a sign-up waits for the code mailed to `email` (masked), so a reload shows the code step. */
  verification: z
    .object({
      email: z.string(),
      /** When the current code stops working (a new one can be sent). */
      expiresAt: z.iso.datetime(),
      /** When `resend-code` will send another one. */
      resendAvailableAt: z.iso.datetime(),
      /**
       * True once the mailed link was opened (in any browser): the account exists, and
       * `sign-up/complete` signs this browser in without the code.
       */
      verified: z.boolean().optional(),
    })
    .optional(),
  /** Sign-in without a password the tenant allows (the sign-in page offers "Email me a code instead"). */
  passwordless: z.object({ emailCode: z.boolean() }),
  /** Set while a passwordless sign-in waits for the code mailed to `email` (masked). */
  emailCode: z
    .object({
      email: z.string(),
      expiresAt: z.iso.datetime(),
      resendAvailableAt: z.iso.datetime(),
    })
    .optional(),
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type TInteractionDetails = z.infer<typeof ZInteractionDetails>;

export const ZInteractionLoginRequest = z
  .object({
    /** Email or username. */
    identifier: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    /** Keep me signed in: a persistent session cookie instead of a browser-session one. */
    remember: z.boolean().default(false),
  })
  .strict();
export type TInteractionLoginRequest = z.infer<typeof ZInteractionLoginRequest>;

export const ZInteractionConsentRequest = z
  .object({
    /** Grant only some of what was asked (default: everything asked). */
    scopes: z.array(z.string()).optional(),
  })
  .strict();
export type TInteractionConsentRequest = z.infer<typeof ZInteractionConsentRequest>;

export const ZInteractionOrganizationRequest = z
  .object({
    /** One of the offered organizations, or null to continue without one (optional usage only). */
    organizationId: z.uuid().nullable(),
  })
  .strict();
export type TInteractionOrganizationRequest = z.infer<typeof ZInteractionOrganizationRequest>;

export const ZInteractionAbortRequest = z.object({ reason: z.string().max(200).optional() }).strict();

/**
 * Self sign-up (only when the tenant's `signUp.enabled`). The answer is `{ next: 'verify-email' }`
 * whether or not the email already has an account: the mailbox decides what happens next.
 */
export const ZInteractionSignUpRequest = z
  .object({
    email: z.string().trim().pipe(z.email().max(254)),
    password: z.string().min(1).max(1024),
    givenName: z.string().trim().min(1).max(100).optional(),
    familyName: z.string().trim().min(1).max(100).optional(),
    username: ZUsername.optional(),
    phone: ZE164.optional(),
  })
  .strict();
export type TInteractionSignUpRequest = z.infer<typeof ZInteractionSignUpRequest>;

/** The 6-digit code from the mail; a right one creates the account and completes the sign-in. */
export const ZInteractionVerifyEmailRequest = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the 6 digits from the email'),
  })
  .strict();
export type TInteractionVerifyEmailRequest = z.infer<typeof ZInteractionVerifyEmailRequest>;

export const ZInteractionResendCodeRequest = z.object({}).strict();
export type TInteractionResendCodeRequest = z.infer<typeof ZInteractionResendCodeRequest>;

/** `sign-up/complete`: signs in the account whose address the mailed link verified (no body). */
export const ZInteractionCompleteSignUpRequest = z.object({}).strict();
export type TInteractionCompleteSignUpRequest = z.infer<typeof ZInteractionCompleteSignUpRequest>;

/**
 * The `select_account` prompt's two answers (no body): `continue` goes on with the SSO session as
 * it is (same account, sign-in time, amr and acr; no password); `use-another-account` turns the
 * step into the ordinary sign-in, after which the session switches to whoever signed in.
 */
export const ZInteractionContinueRequest = z.object({}).strict();
export type TInteractionContinueRequest = z.infer<typeof ZInteractionContinueRequest>;
export const ZInteractionUseAnotherAccountRequest = z.object({}).strict();
export type TInteractionUseAnotherAccountRequest = z.infer<typeof ZInteractionUseAnotherAccountRequest>;

/**
 * `password-reset` and `email-code`: an email address. The answer is the same whether or not it has
 * an account (no enumeration); only the mailbox learns more.
 */
export const ZInteractionEmailRequest = z
  .object({ email: z.string().trim().pipe(z.email().max(254)) })
  .strict();
export type TInteractionEmailRequest = z.infer<typeof ZInteractionEmailRequest>;

/**
 * The answer of steps that keep the user on the page: `verify-email` after `sign-up` and
 * `resend-code` (details.verification); `email-code` after `email-code` and `email-code/resend`
 * (details.emailCode); `check-email` after `password-reset` (a link is on its way, if the address
 * has an account); `sign-in` after `use-another-account` (the step is now `login`).
 */
export const ZInteractionNextStep = z.object({
  next: z.enum(['verify-email', 'email-code', 'check-email', 'sign-in']),
});
export type TInteractionNextStep = z.infer<typeof ZInteractionNextStep>;

/** What a successful login, consent, organization, verify-email or abort answers: where the browser goes next (back into the authorization flow). */
export const ZInteractionRedirect = z.object({ redirectTo: z.string() });
export type TInteractionRedirect = z.infer<typeof ZInteractionRedirect>;
