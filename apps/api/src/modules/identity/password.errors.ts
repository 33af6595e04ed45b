import type { TProblemFieldError } from '@latchkey/contracts';

/**
 * Codes of a refused new password, as field errors of a `validation-failed` problem (on the
 * interaction API and the management API alike), so the login pages can word each in the user's
 * language (docs/passwords.md).
 */
export const PasswordProblemCode = {
  TooShort: 'too_small',
  TooWeak: 'password_too_weak',
  Reused: 'password_reused',
} as const;

export const passwordTooShort = (minLength: number, path = 'password'): TProblemFieldError => ({
  path,
  message: `must be at least ${minLength} characters`,
  code: PasswordProblemCode.TooShort,
});

/** `hints`: zxcvbn's feedback keys (`warnings.…`, `suggestions.…`); `english`: the same in words. */
export const passwordTooWeak = (
  strength: { score: number; hints: string[]; english: string },
  minStrength: number,
  path = 'password',
): TProblemFieldError => ({
  path,
  message: `is too easy to guess (strength ${strength.score} of 4, at least ${minStrength} needed)${
    strength.english ? `: ${strength.english}` : ''
  }`,
  code: PasswordProblemCode.TooWeak,
  ...(strength.hints.length > 0 ? { hints: strength.hints } : {}),
});

export const passwordReused = (historySize: number, path = 'password'): TProblemFieldError => ({
  path,
  message:
    historySize === 1
      ? 'must not be the current password'
      : `must not be the current password or one of the ${historySize - 1} before it`,
  code: PasswordProblemCode.Reused,
});
