import { AppError } from '../../platform/errors/app-error.js';

/** Problem types of self sign-up and email verification on the interaction API (docs/sign-up.md). */
export const SignUpErrorCode = {
  SignUpDisabled: 'sign-up-disabled',
  SignUpThrottled: 'sign-up-throttled',
  VerificationNotPending: 'verification-not-pending',
  CodeInvalid: 'verification-code-invalid',
  CodeExpired: 'verification-code-expired',
  CodeVoid: 'verification-code-void',
  ResendThrottled: 'verification-resend-throttled',
  VerificationIncomplete: 'verification-incomplete',
  LinkInvalid: 'verification-link-invalid',
  LinkUsed: 'verification-link-used',
  LinkExpired: 'verification-link-expired',
  LinkThrottled: 'verification-link-throttled',
  LinkDisabled: 'verification-link-disabled',
} as const;

export const signUpDisabled = () =>
  new AppError(SignUpErrorCode.SignUpDisabled, 403, 'Sign-up disabled', {
    detail: 'This tenant does not let users create their own accounts.',
  });

export const signUpThrottled = (retryAfter: number) =>
  new AppError(SignUpErrorCode.SignUpThrottled, 429, 'Too many sign-ups', {
    detail: `Too many sign-ups from this address. Wait ${retryAfter} s before trying again.`,
    headers: { 'retry-after': String(retryAfter) },
  });

export const verificationNotPending = () =>
  new AppError(SignUpErrorCode.VerificationNotPending, 409, 'No code was sent', {
    detail: 'This sign-in is not waiting for an email code: sign up first.',
  });

export const codeInvalid = () =>
  new AppError(SignUpErrorCode.CodeInvalid, 400, 'Wrong code', {
    detail: 'The code is not the one we sent. Check the latest email and try again.',
    errors: [{ path: 'code', message: 'is not the code we sent', code: 'invalid_value' }],
  });

export const codeExpired = () =>
  new AppError(SignUpErrorCode.CodeExpired, 400, 'Code expired', {
    detail: 'The code has expired. Ask for a new one.',
    errors: [{ path: 'code', message: 'has expired', code: 'invalid_value' }],
  });

export const codeVoid = () =>
  new AppError(SignUpErrorCode.CodeVoid, 400, 'Too many wrong codes', {
    detail: 'Too many wrong codes: this code no longer works. Ask for a new one.',
    errors: [{ path: 'code', message: 'no longer works', code: 'invalid_value' }],
  });

export const resendThrottled = (retryAfter: number) =>
  new AppError(SignUpErrorCode.ResendThrottled, 429, 'Too soon for another code', {
    detail: `Wait ${retryAfter} s before asking for another code.`,
    headers: { 'retry-after': String(retryAfter) },
  });

export const verificationIncomplete = () =>
  new AppError(SignUpErrorCode.VerificationIncomplete, 409, 'Email not verified yet', {
    detail: 'The emailed link has not been opened yet: open it, or enter the code from the email.',
  });

export const linkInvalid = () =>
  new AppError(SignUpErrorCode.LinkInvalid, 400, 'Invalid link', {
    detail: 'This verification link is not valid. Copy the whole link from the email.',
  });

export const linkUsed = () =>
  new AppError(SignUpErrorCode.LinkUsed, 410, 'Address already verified', {
    detail: 'This email address has already been verified, with this link or with the code.',
  });

export const linkExpired = () =>
  new AppError(SignUpErrorCode.LinkExpired, 410, 'Link expired', {
    detail: 'This verification link has expired, or a newer email replaced it. Ask for a new one.',
  });

export const linkDisabled = () =>
  new AppError(SignUpErrorCode.LinkDisabled, 410, 'Links turned off', {
    detail:
      'Verification links are turned off here. Enter the 6-digit code from the same email on the page where you signed up.',
  });

export const linkThrottled = (retryAfter: number) =>
  new AppError(SignUpErrorCode.LinkThrottled, 429, 'Too many requests', {
    detail: `Too many verification links opened from this address. Wait ${retryAfter} s before trying again.`,
    headers: { 'retry-after': String(retryAfter) },
  });
