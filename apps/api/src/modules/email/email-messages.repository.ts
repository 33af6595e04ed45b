import { Injectable } from '@nestjs/common';
import type { EmailMessage, EmailStatus, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type EmailMessageRow = EmailMessage;

export interface NewEmailMessage {
  id: string;
  template: string;
  locale: string;
  to: string;
  subject: string;
  contentSealed: string;
}

export interface EmailMessageFilter {
  status?: EmailStatus;
  to?: string;
  template?: string;
}

/** Keyset position: the list continues strictly after (older than) this message. */
export interface EmailMessagePosition {
  createdAt: Date;
  id: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Messages waiting for an attempt: what a delivery may still change. */
const UNDELIVERED: EmailStatus[] = ['queued', 'failed'];

/** `email_messages` is tenant-owned: every method takes the tenant and the caller's tenant transaction. */
@Injectable()
export class EmailMessagesRepository {
  insert(tx: TenantTransaction, tenantId: string, message: NewEmailMessage): Promise<EmailMessageRow> {
    return tx.emailMessage.create({ data: { tenantId, ...message } });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<EmailMessageRow | null> {
    return tx.emailMessage.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /** Newest first; the index (tenant_id, created_at DESC, id DESC) serves the order. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    filter: EmailMessageFilter,
    limit: number,
    after?: EmailMessagePosition,
  ): Promise<EmailMessageRow[]> {
    const where: Prisma.EmailMessageWhereInput = {
      tenantId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.template ? { template: filter.template } : {}),
      // Prisma answers a case-insensitive `equals` with ILIKE: escape its wildcards to keep it exact.
      ...(filter.to ? { to: { equals: escapeLike(filter.to), mode: 'insensitive' } } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    };
    return tx.emailMessage.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
  }

  /**
   * Records a delivery (one more attempt). Only from queued or failed, so a redelivered job cannot
   * send twice over a message another delivery completed; `false` when that happened.
   */
  async markSent(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    delivery: { outbox: boolean; providerMessageId: string | null; keepContent: boolean; at: Date },
  ): Promise<boolean> {
    const { count } = await tx.emailMessage.updateMany({
      where: { tenantId, id, status: { in: UNDELIVERED } },
      data: {
        status: 'sent',
        attempts: { increment: 1 },
        lastError: null,
        outbox: delivery.outbox,
        providerMessageId: delivery.providerMessageId,
        sentAt: delivery.at,
        ...(delivery.keepContent ? {} : { contentSealed: null }),
      },
    });
    return count === 1;
  }

  /**
   * Records a failure: `failed` (another attempt follows) or `dead` (none follows). `attempted`:
   * whether an attempt was made (false when the message could not even be queued).
   */
  async markFailed(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    failure: { status: 'failed' | 'dead'; lastError: string; attempted: boolean },
  ): Promise<void> {
    await tx.emailMessage.updateMany({
      where: { tenantId, id, status: { in: UNDELIVERED } },
      data: {
        status: failure.status,
        lastError: failure.lastError,
        ...(failure.attempted ? { attempts: { increment: 1 } } : {}),
      },
    });
  }

  /** dead → queued for another round; null when the message is not dead (or not there). */
  async requeueDead(tx: TenantTransaction, tenantId: string, id: string): Promise<EmailMessageRow | null> {
    const { count } = await tx.emailMessage.updateMany({
      where: { tenantId, id, status: 'dead' },
      data: { status: 'queued' },
    });
    return count === 1 ? this.find(tx, tenantId, id) : null;
  }

  /** Deletes the tenant's messages created before `before`; returns how many. */
  async deleteCreatedBefore(tx: TenantTransaction, tenantId: string, before: Date): Promise<number> {
    const { count } = await tx.emailMessage.deleteMany({ where: { tenantId, createdAt: { lt: before } } });
    return count;
  }
}
