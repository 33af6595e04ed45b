import { describe, expect, it } from 'vitest';
import { failureFromResponse, InteractionError, toFailure } from './interaction-failure';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({
  type: `https://latchkey.dev/problems/${code}`,
  title: 'x',
  ...extra,
});

describe('failureFromResponse', () => {
  it.each([
    [410, 'interaction-expired', 'expired'],
    [401, 'invalid-credentials', 'invalid-credentials'],
    [403, 'csrf-token-invalid', 'csrf'],
    [409, 'interaction-step-mismatch', 'step-mismatch'],
    [404, 'tenant-not-found', 'tenant-not-found'],
    [403, 'tenant-suspended', 'tenant-suspended'],
    [429, 'rate-limited', 'rate-limited'],
  ])('%i %s → %s', (status, code, kind) => {
    expect(failureFromResponse(status, problem(code))).toEqual({ kind });
  });

  it('keeps the failing fields of a validation problem', () => {
    const body = problem('validation-failed', {
      errors: [
        { path: 'organizationId', message: 'is not one of your organizations', code: 'invalid_value' },
      ],
    });
    expect(failureFromResponse(400, body)).toEqual({
      kind: 'validation',
      fields: [
        { path: 'organizationId', message: 'is not one of your organizations', code: 'invalid_value' },
      ],
    });
  });

  it('keeps the code and hints of a refused password', () => {
    const body = problem('validation-failed', {
      errors: [
        {
          path: 'password',
          message: 'is too easy to guess',
          code: 'password_too_weak',
          hints: ['warnings.userInputs', 7, 'suggestions.anotherWord'],
        },
      ],
    });
    expect(failureFromResponse(400, body)).toEqual({
      kind: 'validation',
      fields: [
        {
          path: 'password',
          message: 'is too easy to guess',
          code: 'password_too_weak',
          hints: ['warnings.userInputs', 'suggestions.anotherWord'],
        },
      ],
    });
  });

  it('falls back on the status when the body is not a problem', () => {
    expect(failureFromResponse(429, '<html>')).toEqual({ kind: 'rate-limited' });
    expect(failureFromResponse(410, undefined)).toEqual({ kind: 'expired' });
    expect(failureFromResponse(502, undefined)).toEqual({ kind: 'unexpected', status: 502 });
    expect(failureFromResponse(500, problem('internal'))).toEqual({ kind: 'unexpected', status: 500 });
  });
});

describe('toFailure', () => {
  it('passes our own failures through', () => {
    expect(toFailure(new InteractionError({ kind: 'csrf' }))).toEqual({ kind: 'csrf' });
  });

  it('calls a request that never got an answer a network failure', () => {
    expect(toFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(toFailure(new DOMException('timed out', 'TimeoutError'))).toEqual({ kind: 'network' });
  });

  it('calls anything else unexpected', () => {
    expect(toFailure(new Error('boom'))).toEqual({ kind: 'unexpected' });
  });
});
