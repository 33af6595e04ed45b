import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const ZPosition = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
const position = { createdAt: '2026-11-29T12:00:00.123Z', id: '0b6f4d0e-6a43-4a4e-9d5b-3d7c2f1e8a90' };

const rejection = (cursor: string) => {
  try {
    decodeCursor(ZPosition, cursor);
  } catch (error) {
    return error;
  }
  throw new Error(`${cursor} was accepted`);
};

describe('keyset cursors', () => {
  it('round-trips a position as URL-safe text', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(ZPosition, cursor)).toEqual(position);
  });

  it.each([
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['the wrong shape', encodeCursor({ createdAt: 'yesterday', id: position.id })],
    ['not a uuid', encodeCursor({ ...position, id: "1' OR 1=1" })],
  ])('answers a cursor that is %s with a 400 on `cursor`', (_case, cursor) => {
    const error = rejection(cursor);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, errors: [expect.objectContaining({ path: 'cursor' })] });
  });
});
