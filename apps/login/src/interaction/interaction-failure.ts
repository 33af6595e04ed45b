/**
 * What went wrong with a call to the interaction API, reduced to what the pages act on. The API
 * answers RFC 9457 problem+json whose `type` ends in a stable code (docs/oidc.md, "The interaction
 * API"); anything else (a proxy's HTML error page, a dropped connection) is `unexpected` or `network`.
 */
export type TInteractionFailure =
  | { kind: 'expired' }
  | { kind: 'invalid-credentials' }
  | { kind: 'csrf' }
  | { kind: 'step-mismatch' }
  | { kind: 'validation'; fields: TFieldProblem[] }
  | { kind: 'tenant-not-found' }
  | { kind: 'tenant-suspended' }
  | { kind: 'rate-limited' }
  | { kind: 'sign-up-disabled' }
  | { kind: 'username-taken' }
  | { kind: 'code-invalid' }
  | { kind: 'code-expired' }
  | { kind: 'code-void' }
  | { kind: 'verification-not-pending' }
  | { kind: 'email-code-disabled' }
  | { kind: 'reset-link-invalid' }
  | { kind: 'reset-link-used' }
  | { kind: 'reset-link-expired' }
  | { kind: 'verification-incomplete' }
  | { kind: 'verification-link-invalid' }
  | { kind: 'verification-link-used' }
  | { kind: 'verification-link-expired' }
  | { kind: 'verification-link-disabled' }
  | { kind: 'session-ended' }
  | { kind: 'account-unavailable' }
  | { kind: 'network' }
  | { kind: 'unexpected'; status?: number };

export interface TFieldProblem {
  /** The JSON path of the field in the request body, e.g. `identifier`. */
  path: string;
  message: string;
  /** What is wrong, stably: `too_small`, `password_too_weak`, `password_reused`, … */
  code?: string;
  /** Machine-readable reasons (for `password_too_weak`: zxcvbn's feedback keys). */
  hints?: string[];
}

export class InteractionError extends Error {
  constructor(readonly failure: TInteractionFailure) {
    super(`interaction API: ${failure.kind}`);
    this.name = 'InteractionError';
  }
}

const byCode: Record<string, TInteractionFailure['kind']> = {
  'interaction-expired': 'expired',
  'invalid-credentials': 'invalid-credentials',
  'csrf-token-invalid': 'csrf',
  'interaction-step-mismatch': 'step-mismatch',
  'validation-failed': 'validation',
  'tenant-not-found': 'tenant-not-found',
  'tenant-suspended': 'tenant-suspended',
  'rate-limited': 'rate-limited',
  'sign-up-throttled': 'rate-limited',
  'verification-resend-throttled': 'rate-limited',
  'sign-up-disabled': 'sign-up-disabled',
  'username-taken': 'username-taken',
  'verification-code-invalid': 'code-invalid',
  'verification-code-expired': 'code-expired',
  'verification-code-void': 'code-void',
  'verification-not-pending': 'verification-not-pending',
  'email-code-disabled': 'email-code-disabled',
  'email-code-throttled': 'rate-limited',
  'password-reset-throttled': 'rate-limited',
  'password-reset-token-invalid': 'reset-link-invalid',
  'password-reset-token-used': 'reset-link-used',
  'password-reset-token-expired': 'reset-link-expired',
  'verification-incomplete': 'verification-incomplete',
  'verification-link-invalid': 'verification-link-invalid',
  'verification-link-used': 'verification-link-used',
  'verification-link-expired': 'verification-link-expired',
  'verification-link-disabled': 'verification-link-disabled',
  'verification-link-throttled': 'rate-limited',
  'session-ended': 'session-ended',
  'account-unavailable': 'account-unavailable',
};

/** Classifies an error answer from its status and (already parsed, maybe absent) body. */
export function failureFromResponse(status: number, body: unknown): TInteractionFailure {
  const problem = isRecord(body) ? body : {};
  const type = typeof problem.type === 'string' ? problem.type : '';
  const kind = byCode[type.slice(type.lastIndexOf('/') + 1)];
  if (kind === 'validation') return { kind, fields: fieldProblems(problem.errors) };
  if (kind) return { kind } as TInteractionFailure;
  // No recognizable problem: a proxy or gateway answered. 429 and 410 still mean what they say.
  if (status === 429) return { kind: 'rate-limited' };
  if (status === 410) return { kind: 'expired' };
  return { kind: 'unexpected', status };
}

/** Any thrown value as a failure: ours pass through, a fetch that never got an answer is `network`. */
export function toFailure(error: unknown): TInteractionFailure {
  if (error instanceof InteractionError) return error.failure;
  // fetch rejects with a TypeError when the request never completed, and a timeout aborts it.
  if (error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError')) {
    return { kind: 'network' };
  }
  return { kind: 'unexpected' };
}

function fieldProblems(errors: unknown): TFieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(isRecord).map((e) => ({
    path: typeof e.path === 'string' ? e.path : '',
    message: typeof e.message === 'string' ? e.message : '',
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(Array.isArray(e.hints) ? { hints: e.hints.filter((h): h is string => typeof h === 'string') } : {}),
  }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
