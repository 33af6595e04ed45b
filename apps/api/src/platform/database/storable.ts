import type { TProblemFieldError } from '@latchkey/contracts';
import { AppError } from '../errors/app-error.js';

/**
 * Deeper JSON than this is refused: Prisma serializes JSON recursively and overflows the stack
 * long before PostgreSQL's own limit, which would turn a client's mistake into a 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Checks input that a contract accepted but PostgreSQL cannot store: `text` and `jsonb` refuse
 * NUL characters (U+0000), and deeply nested JSON breaks serialization. Throws a 400 problem naming
 * every such field, so a client's mistake never surfaces as a database error.
 */
export function assertStorable(input: Record<string, unknown>): void {
  const errors = Object.entries(input).flatMap(([key, value]) => unstorable(value, key, 0));
  if (errors.length > 0) throw AppError.validation(errors);
}

function unstorable(value: unknown, path: string, depth: number): TProblemFieldError[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [nulError(path)] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_JSON_DEPTH) {
    return [{ path, message: `must not nest deeper than ${MAX_JSON_DEPTH} levels`, code: 'too_big' }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unstorable(item, `${path}[${index}]`, depth + 1));
  }
  return Object.entries(value).flatMap(([key, item]) =>
    key.includes('\u0000') ? [nulError(path)] : unstorable(item, `${path}.${key}`, depth + 1),
  );
}

const nulError = (path: string): TProblemFieldError => ({
  path,
  message: 'must not contain NUL characters (U+0000)',
  code: 'invalid_format',
});
