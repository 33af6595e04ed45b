import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';

/**
 * One page from `limit + 1` rows: the extra row only says there is more, and the cursor holds the
 * position of the last row shown.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  show: (row: R) => T,
  position: (row: R) => Record<string, string>,
): { data: T[]; nextCursor?: string } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    data: shown.map(show),
    ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(position(last)) } : {}),
  };
}

/** The position inside an optional cursor (a 400 on `cursor` when it is not one we issued). */
export const positionOf = <T extends z.ZodType>(
  schema: T,
  cursor: string | undefined,
): z.infer<T> | undefined => (cursor === undefined ? undefined : decodeCursor(schema, cursor));

/** The page parameters every list takes (ZPageQuery, parsed). */
export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}
