import { NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { INTERNAL_PROBLEM, toAppError, toProblem } from './problem.js';

describe('toAppError', () => {
  it('keeps AppErrors as they are', () => {
    const error = AppError.notFound('no such tenant');
    expect(toAppError(error)).toBe(error);
  });

  it('maps body-parser failures to stable codes', () => {
    expect(toAppError({ type: 'entity.parse.failed', status: 400 })?.code).toBe('malformed-json');
    expect(toAppError({ type: 'entity.too.large', status: 413 })?.status).toBe(413);
  });

  it("maps Nest's unknown-route 404 without echoing the path", () => {
    const error = toAppError(new NotFoundException('Cannot GET /nope'));
    expect(error?.status).toBe(404);
    expect(error?.detail).not.toContain('/nope');
  });

  it('treats anything else as our fault', () => {
    expect(toAppError(new Error('db exploded'))).toBeUndefined();
    expect(toAppError({ type: 'x', status: 500 })).toBeUndefined();
  });
});

describe('toProblem', () => {
  it('renders RFC 9457 members and field errors', () => {
    const problem = toProblem(
      AppError.validation([{ path: 'workMs', message: 'Too big', code: 'too_big' }]),
      'req-1',
      '/api/v1/x',
    );
    expect(problem).toEqual({
      type: 'https://latchkey.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request is invalid.',
      instance: '/api/v1/x',
      requestId: 'req-1',
      errors: [{ path: 'workMs', message: 'Too big', code: 'too_big' }],
    });
  });

  it('never carries internals for a 500', () => {
    expect(JSON.stringify(INTERNAL_PROBLEM('r', '/x'))).not.toMatch(/stack|Error:/);
  });
});
