import type { TMessages } from '../../i18n/en';

export type TSignInField = 'identifier' | 'password';

export type TSignInCheck =
  | { ok: true; identifier: string; password: string }
  | { ok: false; errors: Partial<Record<TSignInField, string>> };

/**
 * The only checks made in the browser: something was typed in each field. Whether the identifier
 * is an email or a username, and whether it exists, is the interaction API's call (and must not
 * leak here). The password is sent as typed: spaces may be part of it.
 */
export function validateSignIn(raw: { identifier: string; password: string }, t: TMessages['signIn']) {
  const identifier = raw.identifier.trim();
  const errors: Partial<Record<TSignInField, string>> = {};
  if (!identifier) errors.identifier = t.identifierRequired;
  if (!raw.password) errors.password = t.passwordRequired;
  const check: TSignInCheck =
    errors.identifier || errors.password
      ? { ok: false, errors }
      : { ok: true, identifier, password: raw.password };
  return check;
}
