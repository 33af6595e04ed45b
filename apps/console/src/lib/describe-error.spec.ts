import { LatchkeyApiError } from '@latchkey/sdk';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

const named = (name: string, message = 'raw') => Object.assign(new Error(message), { name });

describe('describeError', () => {
  it('quotes the status and problem of an API error', () => {
    const error = new LatchkeyApiError(500, {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    expect(describeError(error, 10_000)).toBe('The API answered 500: Internal Server Error.');
  });

  it('explains a timeout with its length', () => {
    expect(describeError(named('TimeoutError'), 10_000)).toBe('The API did not answer within 10 seconds.');
  });

  it('explains a network failure', () => {
    expect(describeError(new TypeError('Failed to fetch'), 10_000)).toMatch(/could not be reached/);
  });

  it('explains a contract mismatch', () => {
    expect(describeError(named('ZodError'), 10_000)).toMatch(/unexpected format/);
  });

  it('falls back to the message, or a generic sentence', () => {
    expect(describeError(new Error('boom'), 10_000)).toBe('boom');
    expect(describeError('a string', 10_000)).toBe('Something went wrong.');
  });
});
