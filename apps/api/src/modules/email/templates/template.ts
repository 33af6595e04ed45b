import { z } from 'zod';
import type { EmailContent, EmailLocale } from './layout.js';

/** What every template receives besides its data. */
export interface TemplateContext {
  /** The tenant's display name: who the reader knows. */
  brand: string;
  locale: EmailLocale;
}

/** A template: its data (validated when the message is recorded) and its text in every locale. */
export interface EmailTemplateDefinition<S extends z.ZodType = z.ZodType> {
  data: S;
  texts: Record<EmailLocale, (data: z.output<S>, context: TemplateContext) => EmailContent>;
}

export const defineTemplate = <S extends z.ZodType>(definition: EmailTemplateDefinition<S>) => definition;

/** A one-time code: digits only, so nothing but a code can be shown large. */
export const ZCode = z.string().regex(/^\d{4,10}$/, 'must be 4-10 digits');
/** A link into Latchkey: http(s) only, so no `javascript:` can reach an href. */
export const ZLink = z.url({ protocol: /^https?$/ }).max(2048);
export const ZExpiresInMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
