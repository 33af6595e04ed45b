import {
  type TInteractionSignUpRequest,
  type TInteractionVerifyEmailRequest,
  type TProblemFieldError,
  type TTenantSettings,
  ZInteractionSignUpRequest,
  ZInteractionVerifyEmailRequest,
} from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';
import { formatPath, ZodPipe } from '../../platform/http/zod-body.pipe.js';

/**
 * The sign-up body against the contract and the tenant's rules (required fields, password length),
 * all failures in one 400 so the form can mark every field at once. Password strength (zxcvbn) and
 * history are not checked yet (docs/sign-up.md).
 */
export function parseSignUp(
  body: unknown,
  settings: Pick<TTenantSettings, 'signUp' | 'passwordPolicy'>,
): TInteractionSignUpRequest {
  const parsed = ZInteractionSignUpRequest.safeParse(body ?? {});
  const errors: TProblemFieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
        code: issue.code,
      }));
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const failed = new Set(errors.map((e) => e.path));
  for (const field of settings.signUp.requiredFields) {
    if (raw[field] === undefined && !failed.has(field)) {
      errors.push({ path: field, message: 'is required', code: 'invalid_type' });
    }
  }
  const { minLength } = settings.passwordPolicy;
  if (typeof raw.password === 'string' && !failed.has('password') && [...raw.password].length < minLength) {
    errors.push({ path: 'password', message: `must be at least ${minLength} characters`, code: 'too_small' });
  }
  if (!parsed.success || errors.length > 0) throw AppError.validation(errors);
  return parsed.data;
}

export function parseVerifyEmail(body: unknown): TInteractionVerifyEmailRequest {
  return new ZodPipe(ZInteractionVerifyEmailRequest).transform(body);
}
