import { randomUUID } from 'node:crypto';
import type {
  TEmailMessage,
  TEmailMessageList,
  TEmailTemplate,
  TListEmailMessagesQuery,
  TSendTestEmailRequest,
} from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { JobsService } from '../../jobs/jobs.service.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { isUuid } from '../../platform/http/ids.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { JOBS, RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { messageNotDead, messageNotFound } from './email.errors.js';
import { openContent, sealContent } from './email-content.js';
import { toEmailMessage } from './email-dto.js';
import { type EmailMessageRow, EmailMessagesRepository } from './email-messages.repository.js';
import { deliverEmailJob } from './jobs/deliver-email.job.js';
import { resolveEmailLocale } from './templates/layout.js';
import { type EmailTemplateData, renderEmail } from './templates/registry.js';

/** What a module asks to send: the template decides the data it needs. */
export interface SendEmailRequest<T extends TEmailTemplate> {
  template: T;
  to: string;
  /** The reader's locale (ui_locales, Accept-Language…); else the tenant's default; else English. */
  locale?: string | undefined;
  data: EmailTemplateData<T>;
}

const ZEmailCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
const ZAddress = z.email().max(254);

/**
 * Transactional mail of a tenant. `send` renders the message at once (so a bad call fails the
 * caller), records it with its content sealed, and leaves delivery to the `email.deliver` job.
 */
@Injectable()
export class EmailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS) private readonly jobs: JobsService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly db: TenantDatabase,
    private readonly messages: EmailMessagesRepository,
    private readonly secrets: SecretBox,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  send<T extends TEmailTemplate>(tenant: TenantRecord, request: SendEmailRequest<T>): Promise<TEmailMessage> {
    return this.record(tenant, request);
  }

  /**
   * `send` for callers whose own change has committed already (an invitation): a failure to record
   * the mail is logged, not thrown, so it cannot turn a done change into an error. Null then.
   */
  async sendBestEffort<T extends TEmailTemplate>(
    tenant: TenantRecord,
    request: SendEmailRequest<T>,
  ): Promise<TEmailMessage | null> {
    try {
      return await this.record(tenant, request);
    } catch (error) {
      this.runtime.logger.error(
        { err: error, tenant: tenant.slug, template: request.template },
        'could not record an email message',
      );
      return null;
    }
  }

  /** Newest first, keyset-paginated, filtered by status, recipient and template. */
  async list(tenant: TenantRecord, query: TListEmailMessagesQuery): Promise<TEmailMessageList> {
    const after = query.cursor === undefined ? undefined : decodeCursor(ZEmailCursor, query.cursor);
    const filter = { status: query.status, to: query.to, template: query.template };
    const rows = await this.db.run(tenant.id, (tx) =>
      this.messages.list(
        tx,
        tenant.id,
        filter,
        query.limit + 1,
        after ? { createdAt: new Date(after.createdAt), id: after.id } : undefined,
      ),
    );
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data: data.map((row) => this.toDto(tenant.id, row)),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) }
        : {}),
    };
  }

  async get(tenant: TenantRecord, messageId: string): Promise<TEmailMessage> {
    if (!isUuid(messageId)) throw messageNotFound();
    const row = await this.db.run(tenant.id, (tx) => this.messages.find(tx, tenant.id, messageId));
    if (!row) throw messageNotFound();
    return this.toDto(tenant.id, row);
  }

  /** A dead message gets another round of attempts (409 for any other status). */
  async retry(actor: Actor, tenant: TenantRecord, messageId: string): Promise<TEmailMessage> {
    if (!isUuid(messageId)) throw messageNotFound();
    const row = await this.db.run(tenant.id, async (tx) => {
      const requeued = await this.messages.requeueDead(tx, tenant.id, messageId);
      if (!requeued) {
        const current = await this.messages.find(tx, tenant.id, messageId);
        throw current ? messageNotDead(current.status) : messageNotFound();
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'email.message.retry',
        targetType: 'email-message',
        targetId: messageId,
        changes: { attempts: requeued.attempts },
      });
      return requeued;
    });
    return this.toDto(tenant.id, await this.enqueue(tenant.id, row));
  }

  /** A test message through whatever this tenant's mail goes through; audited by message id only. */
  sendTest(actor: Actor, tenant: TenantRecord, request: TSendTestEmailRequest): Promise<TEmailMessage> {
    return this.record(
      tenant,
      { template: 'test-message', to: request.to, locale: request.locale, data: {} },
      (tx, row) =>
        this.audit.record(tx, tenant.id, actor, {
          action: 'email.test',
          targetType: 'email-message',
          targetId: row.id,
        }),
    );
  }

  /** Renders, records (with `inTransaction`, e.g. an audit event) and enqueues one message. */
  private async record<T extends TEmailTemplate>(
    tenant: TenantRecord,
    request: SendEmailRequest<T>,
    inTransaction?: (tx: TenantTransaction, row: EmailMessageRow) => Promise<void>,
  ): Promise<TEmailMessage> {
    const to = ZAddress.safeParse(request.to);
    if (!to.success) {
      throw AppError.validation([
        { path: 'to', message: 'must be an email address', code: 'invalid_format' },
      ]);
    }
    const settings = await this.tenancy.settings(tenant);
    const locale = resolveEmailLocale(request.locale, settings.locales.default);
    // Throws on data that does not fit the template: a bug in the caller, answered with a 500.
    const rendered = renderEmail(request.template, request.data, { locale, brand: tenant.displayName });
    const id = randomUUID();
    const contentSealed = sealContent(this.secrets, tenant.id, id, {
      text: rendered.text,
      html: rendered.html,
      data: rendered.data,
    });
    const row = await this.db.run(tenant.id, async (tx) => {
      const inserted = await this.messages.insert(tx, tenant.id, {
        id,
        template: request.template,
        locale,
        to: to.data,
        subject: rendered.subject,
        contentSealed,
      });
      await inTransaction?.(tx, inserted);
      return inserted;
    });
    return this.toDto(tenant.id, await this.enqueue(tenant.id, row));
  }

  /**
   * One job per round of attempts (`attempts` so far names the round), so a repeat is a no-op. A
   * message that cannot be queued is marked dead, visible and retryable, rather than lost.
   */
  private async enqueue(tenantId: string, row: EmailMessageRow): Promise<EmailMessageRow> {
    try {
      await this.jobs.enqueue(
        deliverEmailJob,
        { tenantId, messageId: row.id },
        {
          jobId: `email-${row.id}-${row.attempts}`,
          backoff: { type: 'exponential', delayMs: this.config.emailRetryDelayMs },
        },
      );
      return row;
    } catch (error) {
      this.runtime.logger.error({ err: error, messageId: row.id }, 'could not queue an email message');
      return this.db.run(tenantId, async (tx) => {
        await this.messages.markFailed(tx, tenantId, row.id, {
          status: 'dead',
          lastError: 'could not be queued for delivery (job backend unavailable); retry it',
          attempted: false,
        });
        return (await this.messages.find(tx, tenantId, row.id)) ?? row;
      });
    }
  }

  private toDto(tenantId: string, row: EmailMessageRow): TEmailMessage {
    const body =
      row.outbox && row.contentSealed ? openContent(this.secrets, tenantId, row.id, row.contentSealed) : null;
    return toEmailMessage(row, body && { text: body.text, html: body.html });
  }
}
