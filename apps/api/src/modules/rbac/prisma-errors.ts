import { Prisma } from '../../generated/prisma/client.js';

/**
 * A write hit a unique index (P2002). Under row-level security PostgreSQL leaves the key out of the
 * error, but every RBAC write that can collide has exactly one unique index it can collide on, so
 * the code alone says which field is taken.
 */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
