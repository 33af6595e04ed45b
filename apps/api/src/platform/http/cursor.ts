import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Keyset pagination cursors: the position of the last item of a page, as base64url JSON. Clients
 * must treat them as opaque (we may change what is inside); decoding validates them like any input.
 */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position inside a cursor, or a 400 problem on `cursor` when it is not one we issued. */
export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string): z.infer<T> {
  const position = BASE64URL.test(cursor)
    ? parseJson(Buffer.from(cursor, 'base64url').toString())
    : undefined;
  const parsed = schema.safeParse(position);
  if (parsed.success) return parsed.data;
  throw AppError.validation([
    {
      path: 'cursor',
      message: 'is not a cursor this API returned: pass back `nextCursor` unchanged',
      code: 'invalid_format',
    },
  ]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
