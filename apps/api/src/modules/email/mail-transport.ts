import type { TSmtpSecurity } from '@latchkey/contracts';
import { createTransport } from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { type AddressLookup, publicAddressOf, SmtpHostRefused } from './smtp-host-guard.js';

/** Where a message goes: the tenant's own server, or the deployment's SMTP_URL. */
export type SmtpServer =
  | {
      source: 'tenant';
      host: string;
      port: number;
      security: TSmtpSecurity;
      username: string | null;
      password: string | null;
    }
  | { source: 'deployment'; url: string };

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo: string | undefined;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, `<…@…>`: ours, so it is known before sending and the same on every attempt. */
  messageId: string;
  language: string;
}

/** The side effect of sending, behind an interface a test can replace. */
export interface MailTransport {
  send(server: SmtpServer, mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** A failed attempt as the message log keeps it: no content, no credentials. */
export interface DeliveryFailure {
  /** The server refused for good (5xx), or the host is not allowed: retrying cannot help. */
  permanent: boolean;
  message: string;
}

// Short enough that a dead server fails the attempt (and the back-off takes over) well before a
// worker's shutdown timeout; nodemailer's defaults are minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends each message over a fresh SMTP connection with nodemailer. */
export class SmtpMailTransport implements MailTransport {
  constructor(
    private readonly options: { allowPrivateNetwork: boolean; lookup?: AddressLookup | undefined },
  ) {}

  async send(server: SmtpServer, mail: OutgoingMail): Promise<{ messageId: string }> {
    const transport = createTransport(await this.connection(server));
    try {
      const info = await transport.sendMail({
        from: mail.from,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
      });
      return { messageId: info.messageId || mail.messageId };
    } finally {
      transport.close();
    }
  }

  private async connection(server: SmtpServer): Promise<SMTPTransportOptions> {
    // The operator's SMTP_URL is trusted as configured; nodemailer parses it (smtps:// = TLS).
    if (server.source === 'deployment') return { url: server.url, ...TIMEOUTS };
    // A tenant's host is not: connect to a checked address, and verify TLS against the name.
    const address = this.options.allowPrivateNetwork
      ? server.host
      : await publicAddressOf(server.host, this.options.lookup);
    return {
      host: address,
      port: server.port,
      secure: server.security === 'tls',
      requireTLS: server.security === 'starttls',
      ignoreTLS: server.security === 'none',
      tls: { servername: server.host },
      ...(server.username ? { auth: { user: server.username, pass: server.password ?? '' } } : {}),
      ...TIMEOUTS,
    };
  }
}

const MAX_ERROR_LENGTH = 500;

/**
 * What to record of a failed attempt. SMTP replies 5xx are permanent (RFC 5321 §4.2.1), 4xx and
 * network errors transient. `secrets` (the password) are cut out should a server echo them.
 */
export function describeFailure(error: unknown, secrets: ReadonlyArray<string | null> = []): DeliveryFailure {
  if (error instanceof SmtpHostRefused) return { permanent: true, message: error.message };
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  let message = `${code}${typeof e.message === 'string' ? e.message : String(error)}`;
  for (const secret of secrets) {
    if (secret) message = message.split(secret).join('[REDACTED]');
  }
  return {
    permanent: responseCode !== undefined && responseCode >= 500 && responseCode < 600,
    message: message.replace(/\s+/g, ' ').slice(0, MAX_ERROR_LENGTH),
  };
}
