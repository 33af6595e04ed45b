import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/** The transactional mails Latchkey sends; each has its own data, texts and locales (docs/email.md). */
export const ZEmailTemplate = z.enum([
  'verify-email-code',
  'sign-up-existing-account',
  'sign-in-code',
  'password-reset-link',
  'account-locked',
  'organization-invitation',
  'test-message',
]);
export type TEmailTemplate = z.infer<typeof ZEmailTemplate>;

/**
 * `queued`: waiting for its first attempt; `failed`: the last attempt failed, another follows after
 * a back-off; `sent`: accepted by the SMTP server (or kept in the dev outbox); `dead`: every attempt
 * failed, or the server refused the message for good — retried only through the API.
 */
export const ZEmailStatus = z.enum(['queued', 'failed', 'sent', 'dead']);
export type TEmailStatus = z.infer<typeof ZEmailStatus>;

export const ZEmailMessage = z.object({
  id: z.uuid(),
  template: ZEmailTemplate,
  locale: z.string(),
  to: z.string(),
  subject: z.string(),
  status: ZEmailStatus,
  /** Delivery attempts so far, over every round (a retry through the API starts another round). */
  attempts: z.number().int(),
  /** Why the last attempt failed (the SMTP reply or network error); null once sent. */
  lastError: z.string().nullable(),
  /** The Message-ID header the message was sent with. */
  providerMessageId: z.string().nullable(),
  /** Kept in the dev outbox (no SMTP server configured) rather than sent. */
  outbox: z.boolean(),
  /**
   * The rendered message, for dev outbox messages only: mail that went to an SMTP server shows its
   * metadata alone (its content, which holds codes and links, is not kept once sent).
   */
  body: z.object({ text: z.string(), html: z.string() }).nullable(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});
export type TEmailMessage = z.infer<typeof ZEmailMessage>;

export const ZListEmailMessagesQuery = ZPageQuery.extend({
  status: ZEmailStatus.optional(),
  /** The recipient's address (exact, case-insensitive). */
  to: z.string().trim().min(1).max(254).optional(),
  template: ZEmailTemplate.optional(),
});
export type TListEmailMessagesQuery = z.infer<typeof ZListEmailMessagesQuery>;

/** Newest first. */
export const ZEmailMessageList = page(ZEmailMessage);
export type TEmailMessageList = z.infer<typeof ZEmailMessageList>;

/**
 * `tls`: TLS from the first byte (usually port 465); `starttls`: plain connection upgraded with
 * STARTTLS, refused if the server does not offer it (usually 587); `none`: no TLS at all, for a relay
 * on a trusted network only (the password would cross the network in clear).
 */
export const ZSmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export type TSmtpSecurity = z.infer<typeof ZSmtpSecurity>;

const ZSmtpHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|[0-9a-f]*:[0-9a-f:.]*)$/,
    'must be a host name, an IPv4 or an IPv6 address (without brackets)',
  );

/** The tenant's own SMTP server; the password is write-only. */
export const ZPutEmailSmtpSettingsRequest = z
  .object({
    host: ZSmtpHost,
    port: z.number().int().min(1).max(65535),
    security: ZSmtpSecurity,
    username: z.string().min(1).max(256).nullable().default(null),
    password: z
      .string()
      .min(1)
      .max(1024)
      .nullable()
      .optional()
      .describe(
        'Omitted: keep the stored password (only while the host stays the same, so a stored password ' +
          'is never sent to a new server); null: no password.',
      ),
  })
  .strict();
export type TPutEmailSmtpSettingsRequest = z.infer<typeof ZPutEmailSmtpSettingsRequest>;

export const ZEmailSmtpSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  security: ZSmtpSecurity,
  username: z.string().nullable(),
  /** Whether a password is stored; the password itself is never returned. */
  passwordSet: z.boolean(),
  updatedAt: ZTimestamp,
});
export type TEmailSmtpSettings = z.infer<typeof ZEmailSmtpSettings>;

export const ZSendTestEmailRequest = z
  .object({
    to: z.email().max(254),
    /** BCP 47 tag; unsupported ones fall back to the tenant's default locale, then English. */
    locale: z.string().max(35).optional(),
  })
  .strict();
export type TSendTestEmailRequest = z.infer<typeof ZSendTestEmailRequest>;

/** Error codes of the email routes (besides the platform's). */
export const EmailErrorCode = {
  SmtpNotConfigured: 'smtp-not-configured',
  MessageNotDead: 'email-not-dead',
  PrivateSmtpHost: 'smtp-host-not-allowed',
  PasswordRequired: 'smtp-password-required',
} as const;

const BASE = '/api/v1/tenants/{tenant}/email' as const;

export const emailRoutes = {
  listEmailMessages: defineRoute({
    id: 'listEmailMessages',
    method: 'GET',
    path: `${BASE}/messages`,
    summary: "List the tenant's transactional mail, newest first (dev outbox messages with their body)",
    tag: 'Email',
    scope: 'tenant',
    query: ZListEmailMessagesQuery,
    success: { status: 200, body: ZEmailMessageList },
  }),
  getEmailMessage: defineRoute({
    id: 'getEmailMessage',
    method: 'GET',
    path: `${BASE}/messages/{messageId}`,
    summary: 'Get one message: delivery status, attempts, last error (and the body in the dev outbox)',
    tag: 'Email',
    scope: 'tenant',
    success: { status: 200, body: ZEmailMessage },
  }),
  retryEmailMessage: defineRoute({
    id: 'retryEmailMessage',
    method: 'POST',
    path: `${BASE}/messages/{messageId}/retry`,
    summary: 'Queue a dead message again, for another round of attempts',
    tag: 'Email',
    scope: 'tenant',
    success: { status: 202, body: ZEmailMessage },
    errors: [409],
  }),
  sendTestEmail: defineRoute({
    id: 'sendTestEmail',
    method: 'POST',
    path: `${BASE}/test`,
    summary: 'Send a test message through the SMTP server this tenant uses (or to the dev outbox)',
    tag: 'Email',
    scope: 'tenant',
    body: ZSendTestEmailRequest,
    success: { status: 202, body: ZEmailMessage },
  }),
  getEmailSmtpSettings: defineRoute({
    id: 'getEmailSmtpSettings',
    method: 'GET',
    path: `${BASE}/smtp`,
    summary: "The tenant's own SMTP server (404 when it has none: mail goes through the deployment's)",
    tag: 'Email',
    scope: 'tenant',
    success: { status: 200, body: ZEmailSmtpSettings },
  }),
  putEmailSmtpSettings: defineRoute({
    id: 'putEmailSmtpSettings',
    method: 'PUT',
    path: `${BASE}/smtp`,
    summary: "Set the tenant's own SMTP server (the password is stored encrypted and never returned)",
    tag: 'Email',
    scope: 'tenant',
    body: ZPutEmailSmtpSettingsRequest,
    success: { status: 200, body: ZEmailSmtpSettings },
  }),
  deleteEmailSmtpSettings: defineRoute({
    id: 'deleteEmailSmtpSettings',
    method: 'DELETE',
    path: `${BASE}/smtp`,
    summary: "Remove the tenant's SMTP server: its mail goes through the deployment's again",
    tag: 'Email',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
