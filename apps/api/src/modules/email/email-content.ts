import { z } from 'zod';
import type { SecretBox } from '../../platform/crypto/secret-box.js';

/** What a message's sealed content holds: the rendered bodies and the data they were made from. */
const ZSealedContent = z.object({
  text: z.string(),
  html: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type SealedContent = z.infer<typeof ZSealedContent>;

/** Binds a message's sealed content to its tenant and id: copied into another row, it fails to open. */
const contentContext = (tenantId: string, messageId: string) => `email-content:${tenantId}:${messageId}`;

/** Binds a tenant's sealed SMTP password to that tenant. */
export const smtpPasswordContext = (tenantId: string) => `smtp-password:${tenantId}`;

export function sealContent(
  secrets: SecretBox,
  tenantId: string,
  messageId: string,
  content: SealedContent,
): string {
  return secrets.seal(JSON.stringify(content), contentContext(tenantId, messageId));
}

export function openContent(
  secrets: SecretBox,
  tenantId: string,
  messageId: string,
  sealed: string,
): SealedContent {
  return ZSealedContent.parse(JSON.parse(secrets.open(sealed, contentContext(tenantId, messageId))));
}
