import type { TEmailMessage, TEmailTemplate } from '@latchkey/contracts';
import type { EmailMessageRow } from './email-messages.repository.js';

/** A message as the API shows it; `body` only for dev outbox messages (see ZEmailMessage). */
export function toEmailMessage(
  row: EmailMessageRow,
  body: { text: string; html: string } | null,
): TEmailMessage {
  return {
    id: row.id,
    template: row.template as TEmailTemplate,
    locale: row.locale,
    to: row.to,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    providerMessageId: row.providerMessageId,
    outbox: row.outbox,
    body: row.outbox ? body : null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
