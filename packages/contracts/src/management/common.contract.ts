import { z } from 'zod';

/** A tenant slug: a lowercase DNS label (it doubles as a subdomain). */
export const ZTenantSlug = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 63');

export const ZUuid = z.uuid();

/** Cursor pagination: `cursor` is opaque; pass back `nextCursor` to get the next page. */
export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    /** Absent on the last page. */
    nextCursor: z.string().optional(),
  });

export const ZTimestamp = z.iso.datetime();
