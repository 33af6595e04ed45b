import type { TEmailTemplate } from '@latchkey/contracts';
import type { z } from 'zod';
import { signInCode, verifyEmailCode } from './codes.js';
import { type EmailLocale, type RenderedEmail, renderLayout } from './layout.js';
import { accountLocked, passwordResetLink } from './links.js';
import { organizationInvitation } from './organization-invitation.js';
import { signUpExistingAccount } from './sign-up.js';
import type { EmailTemplateDefinition } from './template.js';
import { testMessage } from './test-message.js';

/** Every template by its name (the names are the contract's ZEmailTemplate). */
export const EMAIL_TEMPLATES = {
  'verify-email-code': verifyEmailCode,
  'sign-up-existing-account': signUpExistingAccount,
  'sign-in-code': signInCode,
  'password-reset-link': passwordResetLink,
  'account-locked': accountLocked,
  'organization-invitation': organizationInvitation,
  'test-message': testMessage,
} as const satisfies Record<TEmailTemplate, EmailTemplateDefinition>;

/** What a caller passes as the data of template `T`. */
export type EmailTemplateData<T extends TEmailTemplate> = z.input<(typeof EMAIL_TEMPLATES)[T]['data']>;

/**
 * Validates `data` against the template (throws a ZodError when it does not fit) and renders the
 * message in `locale`, branded with `brand`. Returns the parsed data too: it is what gets sealed.
 */
export function renderEmail(
  template: TEmailTemplate,
  data: unknown,
  context: { locale: EmailLocale; brand: string },
): RenderedEmail & { data: Record<string, unknown> } {
  const definition: EmailTemplateDefinition = EMAIL_TEMPLATES[template];
  const parsed = definition.data.parse(data) as Record<string, unknown>;
  const content = definition.texts[context.locale](parsed, context);
  return { ...renderLayout(content, context.locale, context.brand), data: parsed };
}
