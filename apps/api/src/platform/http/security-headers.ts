import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Baseline headers on every answer. The hosted login adds its own Content-Security-Policy with
 * F4; until then nothing may frame Latchkey's pages (clickjacking) or sniff types.
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  applySecurityHeaders(res);
  next();
}

const DEFAULT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The same headers, for answers that do not go through Express (the OIDC fast path), which sets a
 * Content-Security-Policy of its own: one header fewer to set and validate on every token request.
 */
export function applySecurityHeaders(res: ServerResponse, csp: string = DEFAULT_CSP): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('content-security-policy', csp);
}
