import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets that travel in a mailed link (password reset, email verification): 256 random bits,
 * base64url (43 characters), stored only as a hash, and opened on the hosted login of the address
 * the request came in on.
 */
export const newMailedToken = (): string => randomBytes(32).toString('base64url');

/**
 * The stored id of a mailed token: its SHA-256 under the link's purpose. 256 random bits need no
 * key or salt, and a hash found in the store opens nothing.
 */
export const mailedTokenId = (purpose: string, token: string): string =>
  createHash('sha256').update(`${purpose}:${token}`).digest('base64url');

/** The hosted login's `page` (e.g. `reset`) on `issuer`, carrying the token. */
export const hostedLoginLink = (issuer: string, page: string, token: string): string =>
  `${issuer.replace(/\/$/, '')}/login/${page}?token=${encodeURIComponent(token)}`;
