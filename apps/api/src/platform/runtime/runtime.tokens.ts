/** Nest injection tokens for the pieces of the Runtime. */
export const RUNTIME = Symbol('RUNTIME');
export const PRISMA = Symbol('PRISMA');
export const JOBS = Symbol('JOBS');
