import type { TInteractionDetails, TInteractionSignUpRequest } from '@latchkey/contracts';
import type { TMessages } from '../../i18n/en';
import type { TFieldProblem } from '../../interaction/interaction-failure';
import { passwordProblemText } from '../password-problem';

/** The form's fields, in the order they are shown (the first invalid one takes focus). */
export const SIGN_UP_FIELDS = ['givenName', 'familyName', 'email', 'username', 'phone', 'password'] as const;
export type TSignUpField = (typeof SIGN_UP_FIELDS)[number];
export type TSignUpInput = Record<TSignUpField, string>;
export type TSignUpErrors = Partial<Record<TSignUpField, string>>;
type TRules = TInteractionDetails['signUp'];
type TText = TMessages['signUp'];

export type TSignUpCheck =
  | { ok: true; body: TInteractionSignUpRequest }
  | { ok: false; errors: TSignUpErrors };

// The contract's rules (packages/contracts users.contract.ts), repeated so no zod is bundled.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** "+49 151 1234-5678" → "+4915112345678": people type numbers with spaces and dashes. */
export const compactPhone = (phone: string): string => phone.replace(/[\s().-]/g, '');

/**
 * The checks the browser can make before posting: the same rules as the API, so the user hears
 * about them at once; the API checks them again (and whether the username is free).
 */
export function validateSignUp(raw: TSignUpInput, rules: TRules, t: TText): TSignUpCheck {
  const required = new Set<string>(rules.requiredFields);
  const value = {
    email: raw.email.trim(),
    givenName: raw.givenName.trim(),
    familyName: raw.familyName.trim(),
    username: raw.username.trim(),
    phone: compactPhone(raw.phone),
  };
  const errors: TSignUpErrors = {};
  if (!value.email) errors.email = t.emailRequired;
  else if (!EMAIL.test(value.email)) errors.email = t.emailInvalid;
  if ([...raw.password].length < rules.passwordMinLength) {
    errors.password = t.passwordTooShort(rules.passwordMinLength);
  }
  if (!value.givenName && required.has('givenName')) errors.givenName = t.givenNameRequired;
  if (!value.familyName && required.has('familyName')) errors.familyName = t.familyNameRequired;
  if (!value.username && required.has('username')) errors.username = t.usernameRequired;
  else if (value.username && !USERNAME.test(value.username)) errors.username = t.usernameInvalid;
  if (!value.phone && required.has('phone')) errors.phone = t.phoneRequired;
  else if (value.phone && !E164.test(value.phone)) errors.phone = t.phoneInvalid;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      email: value.email,
      // As typed: spaces may be part of a password.
      password: raw.password,
      ...(value.givenName ? { givenName: value.givenName } : {}),
      ...(value.familyName ? { familyName: value.familyName } : {}),
      ...(value.username ? { username: value.username } : {}),
      ...(value.phone ? { phone: value.phone } : {}),
    },
  };
}

/** The API's field problems in the page's words (its own messages are for developers). */
export function errorsFromApi(fields: TFieldProblem[], rules: TRules, t: TText): TSignUpErrors {
  const byField: Record<TSignUpField, string> = {
    email: t.emailInvalid,
    password: passwordProblemText(
      fields.find((problem) => problem.path === 'password'),
      rules.passwordMinLength,
      t,
    ),
    givenName: t.givenNameRequired,
    familyName: t.familyNameRequired,
    username: t.usernameInvalid,
    phone: t.phoneInvalid,
  };
  const errors: TSignUpErrors = {};
  for (const { path } of fields) {
    const field = SIGN_UP_FIELDS.find((name) => name === path);
    if (field) errors[field] = byField[field];
  }
  return errors;
}
