import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';

/**
 * RBAC lists are ordered by a column that is unique in its scope (a role's name, a resource's
 * identifier, a permission's name on its resource), so that column alone is the keyset position.
 */
const ZAfter = z.object({ after: z.string() });

/** The position a client's cursor continues after, or `undefined` for the first page. */
export const positionOf = (cursor: string | undefined): string | undefined =>
  cursor === undefined ? undefined : decodeCursor(ZAfter, cursor).after;

/** One page from `limit + 1` rows: the extra row only says that there is a next page. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  key: (row: Row) => string,
  toItem: (row: Row) => Item,
): { data: Item[]; nextCursor?: string } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const more = rows.length > limit && last !== undefined;
  return { data: data.map(toItem), ...(more ? { nextCursor: encodeCursor({ after: key(last) }) } : {}) };
}

/**
 * `contains` for Prisma: it passes `%`, `_` and `\` through as LIKE wildcards, so they are escaped
 * (`q=a_` must not match `ab`).
 */
export const containsText = (q: string) =>
  ({ contains: q.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' }) as const;
