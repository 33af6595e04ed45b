import { z } from 'zod';
import { ZApplicationType } from './applications.contract.js';
import { ZBranding } from './branding.contract.js';
import { ZSigningAlgorithm } from './signing-keys.contract.js';

const ZLocaleTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en or de-CH');
const ZAttributeName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'letters, digits and "_", starting lowercase');

/** One custom user attribute: what `users.attributes.<name>` must hold. */
export const ZAttributeDefinition = z.object({
  type: z.enum(['string', 'number', 'boolean', 'date']),
  required: z.boolean().default(false),
  /** For strings. */
  maxLength: z.number().int().min(1).max(4096).optional(),
  /** For strings: the allowed values. */
  enum: z.array(z.string().max(200)).min(1).max(100).optional(),
  description: z.string().max(500).optional(),
});
export type TAttributeDefinition = z.infer<typeof ZAttributeDefinition>;

/** Profile fields a tenant can require at self sign-up (the email and a password always are). */
export const ZSignUpField = z.enum(['givenName', 'familyName', 'username', 'phone']);
export type TSignUpField = z.infer<typeof ZSignUpField>;

const signUpPatch = z.object({
  enabled: z.boolean(),
  requiredFields: z.array(ZSignUpField),
  /**
   * Whether the verification mail carries a link beside its code (docs/sign-up.md). A link can be
   * pressed by the address's owner for a sign-up someone else started; with `false` the mail holds
   * only the code, which works only in the browser that signed up, and links already mailed stop
   * working.
   */
  verificationLink: z.boolean(),
});
/** Settings stored before the switch existed read as links on, as they behaved. */
const signUp = signUpPatch.extend({ verificationLink: signUpPatch.shape.verificationLink.default(true) });
const passwordPolicy = z.object({
  minLength: z.number().int().min(8).max(128),
  /** zxcvbn score 0–4 a new password must reach. */
  minStrength: z.number().int().min(0).max(4),
  /** How many previous passwords may not be reused. */
  historySize: z.number().int().min(0).max(24),
});
/**
 * Sign-in without a password. `emailCode`: "Email me a code instead" on the sign-in page (a 6-digit
 * code to the account's address). On by default: whoever reads the mailbox can already reset the
 * password by a mailed link, so a code gives them nothing more (docs/password-reset.md).
 */
const passwordless = z.object({ emailCode: z.boolean() });
const sessions = z.object({
  idleTimeoutMinutes: z.number().int().min(5).max(525_600),
  absoluteTimeoutMinutes: z.number().int().min(5).max(525_600),
});
const locales = z.object({ allowed: z.array(ZLocaleTag).min(1).max(50), default: ZLocaleTag });
const mfa = z.object({ policy: z.enum(['off', 'optional', 'required']) });
/**
 * Password sign-in protection. Failures are counted per account (by identifier, also for unknown
 * ones, so the answers say nothing about which exist) and per client IP, in a window: after
 * `throttleAfter` failures each further attempt must wait twice as long as the last (1 s, 2 s, …);
 * at `lockAfter` the account is locked for `lockMinutes`, even for the right password; an IP with
 * `ipFailureLimit` failures (across accounts: credential stuffing) is refused until its window ends.
 */
const signInProtection = z.object({
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  throttleAfter: z.number().int().min(1).max(100),
  lockAfter: z.number().int().min(2).max(1000),
  lockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  ipFailureLimit: z.number().int().min(5).max(100_000),
});

const signingKeys = z.object({
  /** Algorithm of new keys: the first ones, and each next key the scheduled rotation creates. */
  algorithm: ZSigningAlgorithm,
  /** The scheduled rotation promotes the next key once the active one has signed this long. */
  rotationDays: z.number().int().min(1).max(365),
});
/**
 * OAuth dynamic client registration (RFC 7591 / 7592) at `/t/{tenant}/oauth2/register`, for agents
 * and MCP clients that register themselves. Registered clients are third-party applications (consent
 * required) and never have management API access. See docs/dynamic-registration.md.
 */
const dynamicRegistrationPatch = z.object({
  enabled: z.boolean(),
  /** The application types a client may register as (a public browser or loopback client is a spa). */
  allowedTypes: z
    .array(ZApplicationType)
    .min(1)
    .refine((types) => new Set(types).size === types.length, { message: 'must not repeat a type' }),
  /** Registration needs an initial access token from the management API (else: open registration). */
  requireInitialAccessToken: z.boolean(),
  /**
   * Registrations (POST) accepted per client IP address per hour; more answer 429. RFC 7592 reads,
   * updates and deletes get ten times as many, counted apart.
   */
  registrationsPerIpPerHour: z.number().int().min(1).max(10_000),
  /** Registrations accepted per hour for the whole tenant, whatever the address (RFC 7592: ten times). */
  registrationsPerHour: z.number().int().min(1).max(100_000),
});
/** Settings stored before the rate limits existed read as the defaults (a patch must not reset them). */
const dynamicRegistration = dynamicRegistrationPatch.extend({
  registrationsPerIpPerHour: dynamicRegistrationPatch.shape.registrationsPerIpPerHour.default(20),
  registrationsPerHour: dynamicRegistrationPatch.shape.registrationsPerHour.default(200),
});

/** A display name or address that goes into a mail header: one line, no control characters. */
const headerSafe = (value: string) =>
  ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
/**
 * Who the tenant's transactional mail comes from. Unset fields fall back to the tenant's display
 * name and `no-reply@<host of PUBLIC_URL>`; the SMTP server is set apart (`/email/smtp`), as it
 * holds a password. See docs/email.md.
 */
const email = z.object({
  senderName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(headerSafe, { message: 'must be one line without control characters' })
    .nullable(),
  senderAddress: z.email().max(254).nullable(),
  replyTo: z.email().max(254).nullable(),
});

/** Everything a tenant can tune; stored as JSON, always read through this schema (defaults included). */
export const ZTenantSettings = z
  .object({
    signUp: signUp.default({ enabled: true, requiredFields: [], verificationLink: true }),
    passwordPolicy: passwordPolicy.default({ minLength: 12, minStrength: 3, historySize: 0 }),
    passwordless: passwordless.default({ emailCode: true }),
    sessions: sessions.default({ idleTimeoutMinutes: 3 * 24 * 60, absoluteTimeoutMinutes: 30 * 24 * 60 }),
    locales: locales.default({ allowed: ['en', 'de', 'fr', 'es', 'ja'], default: 'en' }),
    mfa: mfa.default({ policy: 'optional' }),
    signingKeys: signingKeys.default({ algorithm: 'ES256', rotationDays: 90 }),
    dynamicRegistration: dynamicRegistration.default({
      enabled: false,
      allowedTypes: ['web', 'spa', 'native'],
      requireInitialAccessToken: true,
      registrationsPerIpPerHour: 20,
      registrationsPerHour: 200,
    }),
    attributeSchema: z.record(ZAttributeName, ZAttributeDefinition).default({}),
    /** Days a soft-deleted user is kept before its personal data is erased. */
    deletedUserRetentionDays: z.number().int().min(0).max(3650).default(30),
    email: email.default({ senderName: null, senderAddress: null, replyTo: null }),
    signInProtection: signInProtection.default({
      windowMinutes: 15,
      throttleAfter: 3,
      lockAfter: 10,
      lockMinutes: 15,
      ipFailureLimit: 100,
    }),
    /** The hosted login's look (docs/branding.md); replaced whole by a patch. */
    branding: ZBranding.default(ZBranding.parse({})),
  })
  .superRefine((settings, ctx) => {
    if (settings.signInProtection.lockAfter <= settings.signInProtection.throttleAfter) {
      ctx.addIssue({
        code: 'custom',
        path: ['signInProtection', 'lockAfter'],
        message: 'must be greater than throttleAfter',
      });
    }
    if (!settings.locales.allowed.includes(settings.locales.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locales', 'default'],
        message: 'must be one of locales.allowed',
      });
    }
    if (settings.sessions.absoluteTimeoutMinutes < settings.sessions.idleTimeoutMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessions', 'absoluteTimeoutMinutes'],
        message: 'must not be shorter than the idle timeout',
      });
    }
  });
export type TTenantSettings = z.infer<typeof ZTenantSettings>;

/** A settings change: any section, any field of it; `attributeSchema` and `branding` are replaced whole. */
export const ZTenantSettingsPatch = z
  .object({
    signUp: signUpPatch.partial().strict(),
    passwordPolicy: passwordPolicy.partial().strict(),
    passwordless: passwordless.partial().strict(),
    sessions: sessions.partial().strict(),
    locales: locales.partial().strict(),
    mfa: mfa.partial().strict(),
    signingKeys: signingKeys.partial().strict(),
    dynamicRegistration: dynamicRegistrationPatch.partial().strict(),
    attributeSchema: z.record(ZAttributeName, ZAttributeDefinition),
    deletedUserRetentionDays: z.number().int().min(0).max(3650),
    email: email.partial().strict(),
    signInProtection: signInProtection.partial().strict(),
    branding: ZBranding,
  })
  .partial()
  .strict();
export type TTenantSettingsPatch = z.infer<typeof ZTenantSettingsPatch>;

/** Applies a patch section by section; the result must still pass ZTenantSettings. */
export function mergeTenantSettings(current: TTenantSettings, patch: TTenantSettingsPatch): unknown {
  return {
    ...current,
    ...patch,
    signUp: { ...current.signUp, ...patch.signUp },
    passwordPolicy: { ...current.passwordPolicy, ...patch.passwordPolicy },
    passwordless: { ...current.passwordless, ...patch.passwordless },
    sessions: { ...current.sessions, ...patch.sessions },
    locales: { ...current.locales, ...patch.locales },
    mfa: { ...current.mfa, ...patch.mfa },
    signingKeys: { ...current.signingKeys, ...patch.signingKeys },
    dynamicRegistration: { ...current.dynamicRegistration, ...patch.dynamicRegistration },
    email: { ...current.email, ...patch.email },
    signInProtection: { ...current.signInProtection, ...patch.signInProtection },
  };
}
