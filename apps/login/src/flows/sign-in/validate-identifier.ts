import type { TMessages } from '../../i18n/en';

export type TIdentifierCheck = { ok: true; identifier: string } | { ok: false; error: string };

/**
 * The only check made in the browser: something was typed. Whether it is an email, a username or
 * a phone number, and whether it exists, is the interaction API's call (and must not leak here).
 */
export function validateIdentifier(raw: string, t: TMessages['signIn']): TIdentifierCheck {
  const identifier = raw.trim();
  return identifier ? { ok: true, identifier } : { ok: false, error: t.identifierRequired };
}
