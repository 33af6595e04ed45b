import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AppConfig } from '../../platform/config/config.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { TenantDatabase } from '../../platform/database/tenant-database.js';
import { readTenantSettings } from '../tenancy/tenant-settings.js';
import { openContent, type SealedContent, smtpPasswordContext } from './email-content.js';
import { EmailMessagesRepository } from './email-messages.repository.js';
import { describeFailure, type MailTransport, type SmtpServer } from './mail-transport.js';
import { SmtpSettingsRepository, type SmtpSettingsRow } from './smtp-settings.repository.js';

export interface EmailDeliveryDeps {
  prisma: PrismaClient;
  tenants: TenantDatabase;
  secrets: SecretBox;
  config: Pick<AppConfig, 'smtpUrl' | 'publicUrl'>;
  transport: MailTransport;
  logger: Logger;
}

export type DeliveryOutcome =
  | { delivered: 'smtp'; source: 'tenant' | 'deployment' }
  | { delivered: 'outbox' }
  | { skipped: 'not-found' | 'not-pending' };

/** Data fields worth logging from the dev outbox: what a developer needs to go on (code, link). */
const OUTBOX_LOGGED_FIELDS = ['code', 'link', 'resetLink'];

/**
 * One attempt at delivering one message: through the tenant's SMTP server, else the deployment's
 * SMTP_URL, else into the dev outbox (kept, logged, shown by the management API). A failed SMTP
 * attempt is recorded and thrown, so BullMQ retries it with back-off; the last one, or a permanent
 * refusal, leaves the message dead.
 */
export class EmailDelivery {
  private readonly messages = new EmailMessagesRepository();
  private readonly smtpSettings = new SmtpSettingsRepository();

  constructor(private readonly deps: EmailDeliveryDeps) {}

  async deliver(
    tenantId: string,
    messageId: string,
    attempt: { number: number; last: boolean },
  ): Promise<DeliveryOutcome> {
    const { message, smtp } = await this.deps.tenants.run(tenantId, async (tx) => ({
      message: await this.messages.find(tx, tenantId, messageId),
      smtp: await this.smtpSettings.find(tx, tenantId),
    }));
    if (!message) return { skipped: 'not-found' }; // purged meanwhile
    if (message.status !== 'queued' && message.status !== 'failed') return { skipped: 'not-pending' };
    const log = this.deps.logger.child({ messageId, template: message.template, attempt: attempt.number });

    let content: SealedContent;
    let server: SmtpServer | undefined;
    try {
      if (!message.contentSealed) throw new Error('the message content is no longer available');
      content = openContent(this.deps.secrets, tenantId, messageId, message.contentSealed);
      server = this.serverFor(tenantId, smtp);
    } catch (error) {
      // Sealed under another master key, or purged: no later attempt can do better.
      const reason = `cannot prepare the message: ${error instanceof Error ? error.message : String(error)}`;
      await this.fail(tenantId, messageId, 'dead', reason);
      throw new UnrecoverableError(reason);
    }
    if (!server) return this.keepInOutbox(tenantId, message.id, message.to, message.template, content, log);

    const tenant = await this.deps.prisma.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { displayName: true, settings: true },
    });
    const sender = readTenantSettings(tenant.settings).email;
    const providerMessageId = `<${messageId}@${this.mailDomain()}>`;
    try {
      await this.deps.transport.send(server, {
        from: {
          name: sender.senderName ?? tenant.displayName,
          address: sender.senderAddress ?? `no-reply@${this.mailDomain()}`,
        },
        replyTo: sender.replyTo ?? undefined,
        to: message.to,
        subject: message.subject,
        text: content.text,
        html: content.html,
        messageId: providerMessageId,
        language: message.locale,
      });
    } catch (error) {
      const failure = describeFailure(error, server.source === 'tenant' ? [server.password] : []);
      const status = failure.permanent || attempt.last ? 'dead' : 'failed';
      await this.fail(tenantId, messageId, status, failure.message);
      // Never the content or the recipient: the reason and where it went are enough to act on.
      log.warn({ source: server.source, status, error: failure.message }, 'mail delivery failed');
      throw failure.permanent && !attempt.last
        ? new UnrecoverableError(failure.message)
        : new Error(failure.message);
    }
    await this.deps.tenants.run(tenantId, (tx) =>
      this.messages.markSent(tx, tenantId, messageId, {
        outbox: false,
        providerMessageId,
        keepContent: false, // codes and links are not kept once the message has left
        at: new Date(),
      }),
    );
    log.info({ source: server.source }, 'mail sent');
    return { delivered: 'smtp', source: server.source };
  }

  /** The tenant's own server, else the deployment's, else none (the dev outbox). */
  private serverFor(tenantId: string, smtp: SmtpSettingsRow | null): SmtpServer | undefined {
    if (smtp) {
      return {
        source: 'tenant',
        host: smtp.host,
        port: smtp.port,
        security: smtp.security as 'tls' | 'starttls' | 'none', // a CHECK constraint holds it to these
        username: smtp.username,
        password: smtp.passwordSealed
          ? this.deps.secrets.open(smtp.passwordSealed, smtpPasswordContext(tenantId))
          : null,
      };
    }
    return this.deps.config.smtpUrl ? { source: 'deployment', url: this.deps.config.smtpUrl } : undefined;
  }

  /**
   * No SMTP server anywhere: the message is kept (sealed) for the management API, and its code or
   * link is logged, as the zero-setup mode promises. Only here is any part of a message logged.
   */
  private async keepInOutbox(
    tenantId: string,
    messageId: string,
    to: string,
    template: string,
    content: SealedContent,
    log: Logger,
  ): Promise<DeliveryOutcome> {
    await this.deps.tenants.run(tenantId, (tx) =>
      this.messages.markSent(tx, tenantId, messageId, {
        outbox: true,
        providerMessageId: null,
        keepContent: true,
        at: new Date(),
      }),
    );
    const logged = Object.fromEntries(
      OUTBOX_LOGGED_FIELDS.filter((field) => content.data[field] !== undefined).map((field) => [
        field,
        content.data[field],
      ]),
    );
    log.info(
      { outbox: true, to, template, ...logged },
      'dev outbox: mail kept, not sent (no SMTP server configured)',
    );
    return { delivered: 'outbox' };
  }

  private fail(tenantId: string, messageId: string, status: 'failed' | 'dead', lastError: string) {
    return this.deps.tenants.run(tenantId, (tx) =>
      this.messages.markFailed(tx, tenantId, messageId, { status, lastError, attempted: true }),
    );
  }

  /** The domain of Message-IDs and of the default sender: the host users reach Latchkey on. */
  private mailDomain(): string {
    return new URL(this.deps.config.publicUrl).hostname;
  }
}
