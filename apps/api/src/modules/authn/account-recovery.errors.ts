import { AppError } from '../../platform/errors/app-error.js';

/**
 * Problem types of password reset and passwordless email-code sign-in (docs/password-reset.md).
 * A wrong, expired or void email code answers with the sign-up's verification-code-* types: the
 * same code machinery, the same messages on the login page.
 */
export const AccountRecoveryErrorCode = {
  ResetThrottled: 'password-reset-throttled',
  ResetTokenInvalid: 'password-reset-token-invalid',
  ResetTokenUsed: 'password-reset-token-used',
  ResetTokenExpired: 'password-reset-token-expired',
  OriginRejected: 'origin-rejected',
  EmailCodeDisabled: 'email-code-disabled',
  EmailCodeThrottled: 'email-code-throttled',
} as const;

export const resetThrottled = (retryAfter: number) =>
  new AppError(AccountRecoveryErrorCode.ResetThrottled, 429, 'Too many requests', {
    detail: `Too many password reset requests from this address. Wait ${retryAfter} s before trying again.`,
    headers: { 'retry-after': String(retryAfter) },
  });

export const resetTokenInvalid = () =>
  new AppError(AccountRecoveryErrorCode.ResetTokenInvalid, 400, 'Invalid link', {
    detail:
      'This password reset link is not valid. Copy the whole link from the email, or ask for a new one.',
  });

export const resetTokenUsed = () =>
  new AppError(AccountRecoveryErrorCode.ResetTokenUsed, 410, 'Link already used', {
    detail: 'This password reset link has already been used. Ask for a new one if you need to.',
  });

export const resetTokenExpired = () =>
  new AppError(AccountRecoveryErrorCode.ResetTokenExpired, 410, 'Link expired', {
    detail: 'This password reset link has expired. Ask for a new one.',
  });

export const originRejected = () =>
  new AppError(AccountRecoveryErrorCode.OriginRejected, 403, 'Request refused', {
    detail: 'The request did not come from this sign-in site.',
  });

export const emailCodeDisabled = () =>
  new AppError(AccountRecoveryErrorCode.EmailCodeDisabled, 403, 'Email codes disabled', {
    detail: 'This tenant does not offer sign-in with an email code.',
  });

export const emailCodeThrottled = (retryAfter: number) =>
  new AppError(AccountRecoveryErrorCode.EmailCodeThrottled, 429, 'Too many requests', {
    detail: `Too many sign-in codes asked for from this address. Wait ${retryAfter} s before trying again.`,
    headers: { 'retry-after': String(retryAfter) },
  });
