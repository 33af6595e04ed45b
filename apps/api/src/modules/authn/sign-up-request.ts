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

/** Checks a new password beyond its length (the tenant's strength rule): its field errors, if any. */
export type SignUpPasswordCheck = (password: string, facts: string[]) => Promise<TProblemFieldError[]>;

/**
 * The sign-up body against the contract and the tenant's rules (required fields, password length),
 * all failures in one 400 so the form can mark every field at once.
 */
export function parseSignUp(
  body: unknown,
  settings: Pick<TTenantSettings, 'signUp' | 'passwordPolicy'>,
): TInteractionSignUpRequest {
  const { parsed, errors } = signUpProblems(body, settings);
  if (!parsed || errors.length > 0) throw AppError.validation(errors);
  return parsed;
}

/**
 * As parseSignUp, and a password of the right length goes through `checkPassword` too (strength,
 * judged with the email and names being signed up), still all failures in one 400.
 */
export async function parseSignUpChecked(
  body: unknown,
  settings: Pick<TTenantSettings, 'signUp' | 'passwordPolicy'>,
  checkPassword: SignUpPasswordCheck,
): Promise<TInteractionSignUpRequest> {
  const { parsed, errors, raw } = signUpProblems(body, settings);
  if (typeof raw.password === 'string' && !errors.some((e) => e.path === 'password')) {
    const facts = [raw.email, raw.givenName, raw.familyName, raw.username, raw.phone];
    errors.push(
      ...(await checkPassword(
        raw.password,
        facts.filter((fact): fact is string => typeof fact === 'string'),
      )),
    );
  }
  if (!parsed || errors.length > 0) throw AppError.validation(errors);
  return parsed;
}

function signUpProblems(body: unknown, settings: Pick<TTenantSettings, 'signUp' | 'passwordPolicy'>) {
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
  return { parsed: parsed.success ? parsed.data : undefined, errors, raw };
}

export function parseVerifyEmail(body: unknown): TInteractionVerifyEmailRequest {
  return new ZodPipe(ZInteractionVerifyEmailRequest).transform(body);
}
